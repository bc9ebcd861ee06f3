#include "report/live_top_render.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "lib/text.hpp"
#include "lib/time_text.hpp"
#include "report/text_table.hpp"
#include "report/top_render.hpp"

namespace ctguard {

namespace {

// Lines above the body (title, table, new/destroyed, drops, filter, column titles) and below it
// (message or prompt, keys).
constexpr int kHeaderLines = 6;
constexpr int kFooterLines = 2;

Style level_style(Level l) {
    switch (l) {
        case Level::ok: return Style::ok;
        case Level::elevated: return Style::elevated;
        case Level::capped: return Style::capped;
        case Level::critical: return Style::critical;
    }
    return Style::plain;
}

std::string per_second(double r) {
    if (r >= 10 || r == 0) return with_thousands(static_cast<uint64_t>(std::llround(r))) + "/s";
    return fmt::format("{:.1f}/s", r);
}

std::string change(double r) {
    if (std::fabs(r) < 0.05) return "0";
    return fmt::format("{:+.1f}", r);
}

// Cuts `s` to `width` columns (code points).
std::string fit(std::string_view s, size_t width) {
    size_t cols = 0, i = 0;
    while (i < s.size()) {
        if (cols == width) break;
        unsigned char c = static_cast<unsigned char>(s[i]);
        size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
        i += std::min(len, s.size() - i);
        ++cols;
    }
    return std::string(s.substr(0, i));
}

std::string pad(std::string_view s, size_t width, bool right) {
    std::string cut = fit(s, width);
    std::string fill(width - text_columns(cut), ' ');
    return right ? fill + cut : cut + fill;
}

// Cuts a line's spans so that together they take at most `cols` columns.
ScreenLine clip(ScreenLine line, size_t cols) {
    ScreenLine out;
    size_t used = 0;
    for (auto& span : line) {
        if (used >= cols) break;
        span.text = fit(span.text, cols - used);
        used += text_columns(span.text);
        out.push_back(std::move(span));
    }
    return out;
}

std::string key_names(const std::vector<TopKey>& by) {
    std::vector<std::string> names;
    for (TopKey k : by) names.emplace_back(top_key_name(k));
    return join(names, ",");
}

ScreenLine title_line(const LiveTopFrame& f, const LiveUi& ui, const LiveScreenOptions& o) {
    std::string title = "ctguard top --live" + (o.netns.empty() ? "" : " --netns " + printable(o.netns));
    std::string state;
    if (ui.paused) {
        state = "PAUSED (space resumes)";
    } else if (f.resynced_ago) {
        state = fmt::format("resynced {} ago ({}x)", format_duration_short(*f.resynced_ago), f.resyncs);
    } else {
        state = "live";
    }
    size_t gap = static_cast<size_t>(o.cols) > title.size() + state.size() + 1
                     ? static_cast<size_t>(o.cols) - title.size() - state.size()
                     : 1;
    return {{title, Style::title},
            {std::string(gap, ' '), Style::plain},
            {state, ui.paused || f.resynced_ago ? Style::alert : Style::dim}};
}

ScreenLine table_line(const LiveTopFrame& f) {
    double fraction = f.max == 0 ? 0 : static_cast<double>(f.count) / static_cast<double>(f.max);
    Style s = level_style(f.level);
    return {{fmt::format("table  {} / {} ", with_thousands(f.count), with_thousands(f.max)), Style::plain},
            {usage_bar(fraction, 20), s},
            {" " + percent(fraction) + " ", Style::plain},
            {std::string(level_name(f.level)), s}};
}

ScreenLine events_line(const LiveTopFrame& f, const LiveScreenOptions& o) {
    std::string head = "new " + pad(per_second(f.new_per_second), 8, true) + " ";
    std::string tail = "  destroyed " + per_second(f.destroyed_per_second);
    size_t room = static_cast<size_t>(o.cols) > head.size() + tail.size() ? o.cols - head.size() - tail.size() : 0;
    return {{head, Style::plain},
            {sparkline(f.new_history, std::min<size_t>(room, 60), o.utf8), Style::ok},
            {tail, Style::plain}};
}

ScreenLine drops_line(const LiveTopFrame& f) {
    bool dropping = f.drop_per_second > 0 || f.early_drop_per_second > 0 || f.insert_failed_per_second > 0;
    std::string full = f.seconds_to_full ? "   full in " + format_duration_short(*f.seconds_to_full) : "   not growing";
    return {{fmt::format("drop {}  early_drop {}  insert_failed {}", per_second(f.drop_per_second),
                         per_second(f.early_drop_per_second), per_second(f.insert_failed_per_second)),
             dropping ? Style::critical : Style::plain},
            {full, f.seconds_to_full ? Style::alert : Style::dim}};
}

ScreenLine filter_line(const LiveTopFrame& f, const LiveUi& ui) {
    std::string filter = ui.filter.empty() ? "none" : printable(ui.filter);
    return {{fmt::format("by {}  filter {}  ", key_names(ui.by), filter), Style::plain},
            {fmt::format("{} entries in {} groups", with_thousands(f.total), with_thousands(f.groups)), Style::dim}};
}

struct Columns {
    std::vector<size_t> keys;  // widths of the key columns
};

constexpr size_t kCountWidth = 9, kShareWidth = 7, kChangeWidth = 10;

Columns column_widths(const LiveTopFrame& f, const std::vector<TopKey>& by, size_t first, size_t shown, int cols) {
    Columns c;
    size_t numbers = kCountWidth + kShareWidth + kChangeWidth;
    size_t room = static_cast<size_t>(cols) > numbers + by.size() ? cols - numbers - by.size() : by.size();
    for (TopKey k : by) {
        size_t w = top_key_name(k).size();
        for (size_t i = first; i < first + shown && i < f.rows.size(); ++i) {
            w = std::max(w, text_columns(printable(group_value_text(k, f.rows[i].values))));
        }
        c.keys.push_back(std::min(w, std::max<size_t>(room / by.size(), 4)));
    }
    return c;
}

std::string row_text(const std::vector<std::string>& keys, const Columns& c, const std::string& count,
                     const std::string& share, const std::string& delta) {
    std::string s;
    for (size_t i = 0; i < keys.size(); ++i) s += pad(keys[i], c.keys[i], false) + " ";
    return s + pad(count, kCountWidth, true) + pad(share, kShareWidth, true) + pad(delta, kChangeWidth, true);
}

std::vector<ScreenLine> help_lines() {
    const char* lines[] = {
        "Keys",
        "  Tab / Shift-Tab   group by the next / previous key: src dst dport state process",
        "  /                 filter, as the flags: --src CIDR --dst CIDR --sport P --dport P",
        "                    --proto P --state S --zone Z --mark M (Enter applies, Esc cancels)",
        "  space             pause / resume",
        "  Up / Down         select a row",
        "  f                 flush the selected group's entries (ctguard flush)",
        "  c                 cap connections per source (ctguard cap --per-source)",
        "  k                 stop the selected process's group (ctguard procs --kill)",
        "                    Each action first shows its exact command and waits for y.",
        "  ?                 this help (any key leaves it)",
        "  q, Ctrl-C         quit",
    };
    std::vector<ScreenLine> out;
    for (const char* l : lines) out.push_back({{l, Style::plain}});
    out.front().front().style = Style::title;
    return out;
}

// The confirmation takes the body's place, so the command is shown whole, wrapped when long.
std::vector<ScreenLine> confirm_lines(const PendingAction& p, size_t cols) {
    std::vector<std::string> words;
    for (const auto& w : p.argv) words.push_back(shell_quote(w));
    std::string command = join(words, " ");
    std::vector<ScreenLine> out{{{printable(p.what) + "?", Style::prompt}}, {{"This runs:", Style::plain}}};
    size_t width = cols > 4 ? cols - 2 : 1;
    for (size_t at = 0; at < command.size(); at += width) {
        out.push_back({{"  " + command.substr(at, width), Style::alert}});
    }
    out.push_back({});
    out.push_back({{"y runs it; any other key cancels", Style::prompt}});
    return out;
}

ScreenLine bottom_line(const LiveUi& ui) {
    if (ui.mode == UiMode::filter) return {{"filter: ", Style::prompt}, {printable(ui.edit) + "_", Style::plain}};
    if (ui.mode == UiMode::confirm) return {{"confirm: y or any other key", Style::prompt}};
    if (!ui.message.empty()) return {{printable(ui.message), Style::alert}};
    return {};
}

ScreenLine keys_line(const LiveUi& ui) {
    if (ui.mode == UiMode::filter) return {{"Enter apply  Esc cancel  e.g. --dport 443 --state SYN_SENT", Style::dim}};
    return {{"Tab key  / filter  space pause  f flush  c cap  k stop  ? help  q quit", Style::dim}};
}

}  // namespace

size_t text_columns(std::string_view s) {
    size_t n = 0;
    for (char c : s) n += (static_cast<unsigned char>(c) & 0xc0) != 0x80;
    return n;
}

size_t body_rows(int rows) {
    return rows > kHeaderLines + kFooterLines ? static_cast<size_t>(rows - kHeaderLines - kFooterLines) : 0;
}

std::string sparkline(const std::vector<double>& values, size_t width, bool utf8) {
    static const char* blocks[] = {"\u2581", "\u2582", "\u2583", "\u2584", "\u2585", "\u2586", "\u2587", "\u2588"};
    static const char ascii[] = " .:-=+*#";
    size_t n = std::min(values.size(), width);
    double top = 0;
    for (size_t i = values.size() - n; i < values.size(); ++i) top = std::max(top, values[i]);
    std::string out;
    for (size_t i = values.size() - n; i < values.size(); ++i) {
        int level = top <= 0 ? 0 : static_cast<int>(std::lround(values[i] / top * 7));
        level = std::clamp(level, 0, 7);
        if (utf8)
            out += blocks[level];
        else
            out += ascii[level];
    }
    return out;
}

std::vector<ScreenLine> live_top_screen(const LiveTopFrame& f, const LiveUi& ui, const LiveScreenOptions& o) {
    std::vector<ScreenLine> lines;
    size_t cols = static_cast<size_t>(std::max(o.cols, 1));
    size_t rows = static_cast<size_t>(std::max(o.rows, 1));
    lines.push_back(title_line(f, ui, o));
    lines.push_back(table_line(f));
    lines.push_back(events_line(f, o));
    lines.push_back(drops_line(f));
    lines.push_back(filter_line(f, ui));

    size_t body = body_rows(o.rows);
    if (ui.mode == UiMode::help || (ui.mode == UiMode::confirm && ui.pending)) {
        auto text = ui.mode == UiMode::help ? help_lines() : confirm_lines(*ui.pending, cols);
        for (size_t i = 0; i < text.size() && i < body + 1; ++i) lines.push_back(text[i]);
    } else {
        size_t first = ui.selected >= body ? ui.selected - body + 1 : 0;
        Columns c = column_widths(f, ui.by, first, body, o.cols);
        std::vector<std::string> titles;
        for (TopKey k : ui.by) titles.push_back(to_upper(top_key_name(k)));
        lines.push_back({{row_text(titles, c, "ENTRIES", "SHARE", "CHANGE/s"), Style::dim}});
        for (size_t i = first; i < f.rows.size() && i < first + body; ++i) {
            const auto& row = f.rows[i];
            std::vector<std::string> keys;
            for (TopKey k : ui.by) keys.push_back(printable(group_value_text(k, row.values)));
            std::string text = row_text(keys, c, with_thousands(row.count), share_percent(row.count, f.total),
                                        change(row.per_second));
            lines.push_back({{text, i == ui.selected ? Style::selected : Style::plain}});
        }
        if (f.rows.empty()) lines.push_back({{f.total == 0 ? "(no entries match)" : "", Style::dim}});
    }
    while (lines.size() + kFooterLines < rows) lines.push_back({});
    lines.resize(rows > kFooterLines ? rows - kFooterLines : 0);
    lines.push_back(bottom_line(ui));
    lines.push_back(keys_line(ui));
    lines.resize(rows);
    for (auto& l : lines) l = clip(std::move(l), cols);
    return lines;
}

}  // namespace ctguard
