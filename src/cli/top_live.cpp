#include "cli/top_live.hpp"

#include <langinfo.h>
#include <poll.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <clocale>
#include <cmath>
#include <cstdlib>
#include <cstring>

#include "analysis/flow_owner.hpp"
#include "analysis/live_top.hpp"
#include "analysis/top.hpp"
#include "cli/terminal_abi.h"
#include "collect/live_table.hpp"
#include "collect/namespaces_collect.hpp"
#include "host/local_addresses.hpp"
#include "host/process_reader.hpp"
#include "host/socket_table.hpp"
#include "lib/digest.hpp"
#include "lib/module_loader.hpp"
#include "lib/run_program.hpp"
#include "lib/stop_flag.hpp"
#include "lib/text.hpp"
#include "lib/time_text.hpp"
#include "report/live_top_render.hpp"

namespace ctguard {

namespace {

// An action (flush, procs --kill) gets this long before it is killed.
constexpr auto kActionTimeout = std::chrono::seconds(60);
// Rows the arrows can scroll through.
constexpr size_t kMaxRows = 1000;

// The filter flags as one line, for the screen and for the actions' command lines.
std::string filter_text(const FilterArgs& f) {
    std::vector<std::string> words;
    for (const auto& s : f.src) words.insert(words.end(), {"--src", s});
    for (const auto& d : f.dst) words.insert(words.end(), {"--dst", d});
    auto add = [&words](const char* flag, const std::string& v) {
        if (!v.empty()) words.insert(words.end(), {flag, v});
    };
    add("--sport", f.sport);
    add("--dport", f.dport);
    add("--proto", f.proto);
    add("--state", f.state);
    add("--zone", f.zone);
    add("--mark", f.mark);
    return join(words, " ");
}

// What `/` typed, read by the same options and checks as top's own flags.
Result<Filter> parse_filter_text(const std::string& text) {
    CLI::App app;
    FilterArgs args;
    add_filter_options(&app, args);
    std::vector<std::string> words;
    for (auto w : split(text, ' ')) {
        if (!trim(w).empty()) words.emplace_back(trim(w));
    }
    std::reverse(words.begin(), words.end());  // CLI11 takes the words last first
    try {
        app.parse(words);
    } catch (const CLI::ParseError& e) {
        return Error::usage("filter", e.what());
    }
    return build_filter(args);
}

// procs --kill's group id of a process: 'g' and the first 10 hex digits of its binary's sha256.
std::optional<std::string> group_of(const RootDir& root, uint32_t pid) {
    auto sha = sha256_file(root.path("/proc/" + std::to_string(pid) + "/exe"));
    if (!sha) return std::nullopt;
    return 'g' + sha->substr(0, 10);
}

int style_code(Style s) {
    switch (s) {
        case Style::plain: return CTGUARD_STYLE_PLAIN;
        case Style::title: return CTGUARD_STYLE_TITLE;
        case Style::ok: return CTGUARD_STYLE_OK;
        case Style::elevated: return CTGUARD_STYLE_ELEVATED;
        case Style::capped: return CTGUARD_STYLE_CAPPED;
        case Style::critical: return CTGUARD_STYLE_CRITICAL;
        case Style::selected: return CTGUARD_STYLE_SELECTED;
        case Style::dim: return CTGUARD_STYLE_DIM;
        case Style::prompt: return CTGUARD_STYLE_PROMPT;
        case Style::alert: return CTGUARD_STYLE_ALERT;
    }
    return CTGUARD_STYLE_PLAIN;
}

// Draws over what is there, line by line, without erasing the screen first: ncurses sends only
// the cells that changed, so nothing flickers, over ssh too.
void draw(const ctguard_terminal_api& term, const std::vector<ScreenLine>& lines) {
    for (size_t y = 0; y < lines.size(); ++y) {
        term.line(static_cast<int>(y));
        for (const auto& span : lines[y]) term.text(span.text.c_str(), style_code(span.style));
        term.end_line();
    }
    term.show();
}

std::optional<UiEvent> event_of(int ch) {
    switch (ch) {
        case CTGUARD_KEY_NONE: return std::nullopt;
        case '\t': return UiEvent{UiKey::tab, 0};
        case CTGUARD_KEY_BACK_TAB: return UiEvent{UiKey::back_tab, 0};
        case CTGUARD_KEY_UP: return UiEvent{UiKey::up, 0};
        case CTGUARD_KEY_DOWN: return UiEvent{UiKey::down, 0};
        case CTGUARD_KEY_ENTER:
        case '\n':
        case '\r': return UiEvent{UiKey::enter, 0};
        case 27: return UiEvent{UiKey::escape, 0};
        case CTGUARD_KEY_BACKSPACE:
        case 127:
        case 8: return UiEvent{UiKey::backspace, 0};
        case 3: return UiEvent{UiKey::quit, 0};  // Ctrl-C (raw mode)
        default: break;
    }
    if (ch < 0x20 || ch >= 0x7f) return std::nullopt;
    // Printable characters carry themselves: the filter prompt takes them as text.
    char c = static_cast<char>(ch);
    switch (c) {
        case '/': return UiEvent{UiKey::slash, c};
        case ' ': return UiEvent{UiKey::space, c};
        case '?': return UiEvent{UiKey::help, c};
        case 'q':
        case 'Q': return UiEvent{UiKey::quit, c};
        case 'f': return UiEvent{UiKey::flush, c};
        case 'c': return UiEvent{UiKey::cap, c};
        case 'k': return UiEvent{UiKey::stop, c};
        default: return UiEvent{UiKey::text, c};
    }
}

// The terminal is given back however the view ends (a return, an error, an exception).
class TerminalSession {
  public:
    explicit TerminalSession(const ctguard_terminal_api& term) : term_(term) {}
    ~TerminalSession() { term_.close(); }
    TerminalSession(const TerminalSession&) = delete;
    TerminalSession& operator=(const TerminalSession&) = delete;

  private:
    const ctguard_terminal_api& term_;
};

class LiveView {
  public:
    LiveView(const GlobalOptions& g, LiveTable& live, LiveUi ui, Filter filter)
        : g_(g), live_(live), ui_(std::move(ui)), filter_(std::move(filter)) {
        ctx_.netns = g.netns;
        ctx_.check_filter = [](const std::string& text) -> std::optional<std::string> {
            auto f = parse_filter_text(text);
            if (f) return std::nullopt;
            return f.error().what + ": " + f.error().why;
        };
        ctx_.group_of = [this](uint32_t pid) { return group_of(g_.root_dir(), pid); };
    }

    Result<int> run(double interval) {
        auto entry = load_module_entry(kTerminalModule, kTerminalEntry, "top --live");
        if (!entry) return entry.error();
        term_ = reinterpret_cast<ctguard_terminal_entry>(*entry)();
        const ctguard_terminal_api& term = *term_;
        if (term.open() != 0) {
            const char* name = std::getenv("TERM");
            return Error::unavailable("top --live", "cannot drive this terminal (TERM=" + printable(name ? name : "") + ")",
                                      "set TERM to your terminal's type, e.g. TERM=xterm-256color");
        }
        TerminalSession session(term);
        utf8_ = std::strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
        // SIGTERM/SIGHUP: poll() returns, the loop ends, endwin() runs (Ctrl-C is a key in raw mode).
        const StopFlag stop({SIGTERM, SIGHUP});
        double next = monotonic_seconds();
        // A failed resync leaves the table empty and retries at the next service().
        auto service = [&] {
            if (auto s = live_.service(); !s) ui_.message = s.error().what + ": " + s.error().why;
        };
        while (!stop.raised()) {
            double now = monotonic_seconds();
            if (now >= next) {
                // Each refresh, events or not: entries that ended unreported (created before any
                // listener) are noticed only by comparing with the kernel's count.
                service();
                if (!ui_.paused) rebuild(now);
                draw(term, screen());
                next = std::max(next + interval, now + interval / 2);
            }
            pollfd fds[2] = {{STDIN_FILENO, POLLIN, 0}, {live_.fd(), POLLIN, 0}};
            int wait = static_cast<int>(std::ceil((next - monotonic_seconds()) * 1000));
            ::poll(fds, 2, std::max(wait, 0));  // EINTR: a resize or a stop signal, handled below
            if (fds[1].revents & POLLIN) service();
            int ch;
            while ((ch = term.key()) != CTGUARD_KEY_NONE) {
                if (ch == CTGUARD_KEY_RESIZE) {
                    rebuild(monotonic_seconds(), false);
                    draw(term, screen());
                    continue;
                }
                auto ev = event_of(ch);
                if (!ev) continue;
                switch (handle_key(ui_, *ev, frame_, ctx_)) {
                    case UiEffect::quit: return 0;
                    case UiEffect::regroup:
                        regroup();
                        rebuild(monotonic_seconds(), false);
                        break;
                    case UiEffect::run: run_pending(); break;
                    default: break;
                }
                draw(term, screen());
            }
        }
        return 0;
    }

  private:
    std::vector<ScreenLine> screen() const {
        int rows = 0, cols = 0;
        term_->size(&rows, &cols);
        return live_top_screen(frame_, ui_, {rows, cols, g_.netns, utf8_});
    }

    void regroup() {
        auto f = parse_filter_text(ui_.filter);
        if (f) filter_ = std::move(*f);  // checked when it was typed
        previous_.clear();
        previous_at_.reset();
    }

    // The live entries by the current keys; by netns, each namespace's count.
    TopResult aggregate() const {
        if (ui_.by == std::vector<TopKey>{TopKey::netns}) {
            // The rows are counts alone: no level, so no max to hold them against.
            return namespace_rows(g_.netns.empty() ? "host" : g_.netns, live_.entries().size(),
                                  collect_namespaces(g_.root_dir(), 0, Thresholds{}));
        }
        std::optional<FlowAttributor> owners;
        ProcessKeyFns process;
        if (std::find(ui_.by.begin(), ui_.by.end(), TopKey::process) != ui_.by.end()) {
            // Sockets and their holders change all the time: read them again at each refresh.
            SocketSnapshot sockets = collect_sockets(g_.root_dir());
            owners.emplace(sockets.inet, sockets.owners, read_local_addresses(g_.root_dir()));
            process.id = [&owners](const Flow& f) { return owner_id(owners->owner(f)); };
            process.label = [this](uint32_t id) { return owner_label(id, read_comm(g_.root_dir(), int(id))); };
        }
        TopAggregator top(ui_.by, filter_, std::move(process));
        live_.entries().replay(top);
        return top.result(SIZE_MAX);
    }

    // Aggregates again. `sample`: also take the table's figures (once per interval, so that rates
    // are per interval).
    void rebuild(double now, bool sample = true) {
        TopResult all = aggregate();
        TopResult shown = all;
        shown.rows.resize(std::min(shown.rows.size(), kMaxRows));
        double seconds = previous_at_ ? now - *previous_at_ : 0;
        frame_.rows = rows_with_change(shown, previous_, seconds);
        frame_.by = ui_.by;
        frame_.total = all.total;
        frame_.groups = all.groups;
        frame_.other = all.total;
        for (const auto& r : frame_.rows) frame_.other -= r.count;
        if (ui_.selected >= frame_.rows.size()) ui_.selected = frame_.rows.empty() ? 0 : frame_.rows.size() - 1;
        if (!sample) return;
        previous_ = std::move(all.rows);
        previous_at_ = now;

        auto stats = live_.source().stats();
        if (stats) {
            LiveSample s{now, stats->count, stats->max, std::nullopt};
            if (stats->have_stats) s.cpu = stats->stats;
            rates_.add(s);
        }
        rates_.fill(frame_, Thresholds{});
        LiveTableInfo info = live_.info();
        frame_.new_per_second = static_cast<double>(info.created_per_s);
        frame_.destroyed_per_second = static_cast<double>(info.destroyed_per_s);
        frame_.new_history.clear();
        for (const auto& sec : live_.rates().history(LiveTable::rate_second()))
            frame_.new_history.push_back(static_cast<double>(sec.created));
        frame_.resyncs = info.resyncs;
        frame_.resynced_ago.reset();
        if (info.resyncs > 0) frame_.resynced_ago = std::max(0.0, wall_seconds() - info.synced_at);
    }

    // The confirmed command, as shown: our own binary (/proc/self/exe) with those arguments.
    void run_pending() {
        if (!ui_.pending) return;
        std::vector<std::string> argv = ui_.pending->argv;
        argv[0] = "/proc/self/exe";
        ui_.message = "running: " + ui_.pending->what + " ...";
        draw(*term_, screen());
        auto out = run_program(argv, kActionTimeout);
        if (!out) {
            ui_.message = out.error().what + ": " + out.error().why;
        } else if (out->succeeded()) {
            auto lines = split(trim(out->out), '\n');
            ui_.message = "done: " + (lines.empty() ? ui_.pending->what : std::string(trim(lines.front())));
        } else {
            ui_.message = "failed: " + out->first_error_line();
        }
        ui_.pending.reset();
    }

    const GlobalOptions& g_;
    LiveTable& live_;
    const ctguard_terminal_api* term_ = nullptr;  // the module's, once run() has loaded it
    LiveUi ui_;
    Filter filter_;
    LiveContext ctx_;
    LiveRates rates_;
    LiveTopFrame frame_;
    std::vector<TopRow> previous_;  // every group of the last refresh, for the change per second
    std::optional<double> previous_at_;
    bool utf8_ = true;
};

}  // namespace

Result<int> run_top_live(const GlobalOptions& g, const TopLiveArgs& args) {
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
        return Error::usage("top --live", "needs a terminal", "without one: ctguard top, or ctguard watch");
    }
    auto filter = build_filter(args.filter);
    if (!filter) return filter.error();
    std::setlocale(LC_ALL, "");
    auto live = LiveTable::open(g.root_dir());
    if (!live) return live.error();


    LiveUi ui;
    ui.by = args.by;
    ui.filter = filter_text(args.filter);
    LiveView view(g, **live, std::move(ui), std::move(*filter));
    return view.run(args.interval);
}

}  // namespace ctguard
