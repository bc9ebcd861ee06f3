#include <gtest/gtest.h>

#include "analysis/live_top.hpp"
#include "report/live_top_render.hpp"

using namespace ctguard;

namespace {

GroupValues src(const char* ip) {
    GroupValues v;
    v.src = *parse_ip(ip);
    return v;
}

LiveTopFrame frame_with_rows(std::vector<TopKey> by, std::vector<LiveTopRow> rows) {
    LiveTopFrame f;
    f.by = std::move(by);
    f.rows = std::move(rows);
    for (const auto& r : f.rows) f.total += r.count;
    f.groups = f.rows.size();
    f.count = f.total;
    f.max = 30000;
    return f;
}

LiveContext context() {
    LiveContext c;
    c.check_filter = [](const std::string& text) -> std::optional<std::string> {
        if (text.find("--bogus") != std::string::npos) return "unknown flag --bogus";
        return std::nullopt;
    };
    c.group_of = [](uint32_t pid) -> std::optional<std::string> {
        if (pid == 4242) return "g0123456789";
        return std::nullopt;
    };
    return c;
}

UiEvent key(UiKey k) {
    return {k, 0};
}
UiEvent text(char c) {
    return {UiKey::text, c};
}

std::string line_text(const ScreenLine& line) {
    std::string s;
    for (const auto& span : line) s += span.text;
    return s;
}

}  // namespace

TEST(LiveRates, DropRatesLevelAndTimeToFull) {
    LiveRates rates;
    CpuStats cpu;
    for (int i = 0; i <= 4; ++i) {
        cpu.drop = 10u * i;
        cpu.early_drop = 3u * i;
        cpu.insert_failed = 2u * i;
        rates.add({double(i), 10000u + 1000u * i, 20000, cpu});
    }
    LiveTopFrame f;
    rates.fill(f, Thresholds{});
    EXPECT_EQ(f.count, 14000u);
    EXPECT_EQ(f.max, 20000u);
    EXPECT_EQ(f.level, Level::elevated);
    EXPECT_DOUBLE_EQ(f.drop_per_second, 10);
    EXPECT_DOUBLE_EQ(f.early_drop_per_second, 3);
    EXPECT_DOUBLE_EQ(f.insert_failed_per_second, 2);
    ASSERT_TRUE(f.seconds_to_full);  // growing towards 20,000
    EXPECT_GT(*f.seconds_to_full, 0);
}

TEST(LiveRates, ACounterThatGoesBackIsNoRateAndAFlatTableNeverFills) {
    LiveRates rates;
    CpuStats cpu;
    cpu.drop = 50;
    rates.add({0, 10, 100, cpu});
    cpu.drop = 20;  // a CPU went offline: its counts left the sum
    rates.add({1, 10, 100, cpu});
    LiveTopFrame f;
    rates.fill(f, Thresholds{});
    EXPECT_EQ(f.drop_per_second, 0);
    EXPECT_FALSE(f.seconds_to_full);
}

TEST(LiveTop, ChangeIsAgainstEveryPreviousGroupNotOnlyTheShownOnes) {
    TopResult now;
    now.by = {TopKey::src};
    now.rows = {{src("198.18.0.1"), 50}, {src("198.18.0.2"), 40}, {src("198.18.0.3"), 5}};
    // 198.18.0.2 was below the shown rows last time; 198.18.0.3 is new.
    std::vector<TopRow> before{{src("198.18.0.1"), 60}, {src("198.18.0.9"), 45}, {src("198.18.0.2"), 30}};
    auto rows = rows_with_change(now, before, 2.0);
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_DOUBLE_EQ(rows[0].per_second, -5);
    EXPECT_DOUBLE_EQ(rows[1].per_second, 5);
    EXPECT_DOUBLE_EQ(rows[2].per_second, 2.5);
}

TEST(LiveUi, TabCyclesTheKeysAndResetsTheSelection) {
    LiveUi ui;
    LiveTopFrame shown = frame_with_rows({TopKey::src}, {{src("198.18.0.1"), 3, 0}, {src("198.18.0.2"), 2, 0}});
    auto ctx = context();
    EXPECT_EQ(handle_key(ui, key(UiKey::down), shown, ctx), UiEffect::redraw);
    EXPECT_EQ(ui.selected, 1u);
    std::vector<TopKey> seen;
    for (int i = 0; i < 6; ++i) {
        EXPECT_EQ(handle_key(ui, key(UiKey::tab), shown, ctx), UiEffect::regroup);
        seen.push_back(ui.by.front());
    }
    EXPECT_EQ(seen, (std::vector<TopKey>{TopKey::dst, TopKey::dport, TopKey::state, TopKey::process, TopKey::netns,
                                         TopKey::src}));
    EXPECT_EQ(ui.selected, 0u);
    handle_key(ui, key(UiKey::back_tab), shown, ctx);
    EXPECT_EQ(ui.by, std::vector<TopKey>{TopKey::netns});
    // Several keys from --by: Tab starts from the first one.
    ui.by = {TopKey::dst, TopKey::dport};
    handle_key(ui, key(UiKey::tab), shown, ctx);
    EXPECT_EQ(ui.by, std::vector<TopKey>{TopKey::dst});
}

// By netns: this namespace's live count and every readable other one, largest first; one that
// vanished since discovery is left out; no action applies to a whole table.
TEST(LiveTop, NamespaceRows) {
    NamespacesReport others;
    NamespaceTable a, gone, b;
    a.ns.name = "vps7";
    a.stats = TableStats{};
    a.stats->count = 900;
    gone.ns.name = "pid:42(sleep)";
    gone.note = "vanished";
    b.ns.name = "docker:web";
    b.stats = TableStats{};
    b.stats->count = 12;
    others.namespaces = {a, gone, b};
    auto r = namespace_rows("host", 300, others);
    ASSERT_EQ(r.rows.size(), 3u);
    EXPECT_EQ(r.rows[0].values.netns, "vps7");
    EXPECT_EQ(r.rows[1].values.netns, "host");
    EXPECT_EQ(r.rows[1].count, 300u);
    EXPECT_EQ(r.rows[2].values.netns, "docker:web");
    EXPECT_EQ(r.total, 1212u);
    EXPECT_EQ(r.groups, 3u);

    LiveUi ui;
    ui.by = {TopKey::netns};
    auto rows = rows_with_change(r, {}, 0);
    EXPECT_FALSE(action_for(LiveAction::flush, rows[0], ui, context()).ok());
    EXPECT_FALSE(action_for(LiveAction::cap, rows[0], ui, context()).ok());
    EXPECT_FALSE(action_for(LiveAction::stop, rows[0], ui, context()).ok());
}

TEST(LiveUi, SelectionStaysOnTheRows) {
    LiveUi ui;
    LiveTopFrame shown = frame_with_rows({TopKey::src}, {{src("198.18.0.1"), 3, 0}, {src("198.18.0.2"), 2, 0}});
    auto ctx = context();
    handle_key(ui, key(UiKey::up), shown, ctx);
    EXPECT_EQ(ui.selected, 0u);
    for (int i = 0; i < 5; ++i) handle_key(ui, key(UiKey::down), shown, ctx);
    EXPECT_EQ(ui.selected, 1u);
}

TEST(LiveUi, FilterIsTypedCheckedAndApplied) {
    LiveUi ui;
    LiveTopFrame shown;
    auto ctx = context();
    EXPECT_EQ(handle_key(ui, key(UiKey::slash), shown, ctx), UiEffect::redraw);
    EXPECT_EQ(ui.mode, UiMode::filter);
    for (char c : std::string("--bogus 1")) handle_key(ui, text(c), shown, ctx);
    EXPECT_EQ(handle_key(ui, key(UiKey::enter), shown, ctx), UiEffect::redraw);
    EXPECT_EQ(ui.mode, UiMode::filter);  // refused: still editing, the reason shown
    EXPECT_EQ(ui.message, "unknown flag --bogus");
    EXPECT_TRUE(ui.filter.empty());
    ui.edit.clear();
    // Letters that are commands elsewhere (q, f, k) are text here.
    for (char c : std::string("--dport 443 q")) handle_key(ui, text(c), shown, ctx);
    handle_key(ui, key(UiKey::backspace), shown, ctx);
    EXPECT_EQ(handle_key(ui, key(UiKey::enter), shown, ctx), UiEffect::regroup);
    EXPECT_EQ(ui.filter, "--dport 443");
    EXPECT_EQ(ui.mode, UiMode::browse);
    // Escape leaves the applied filter as it was.
    handle_key(ui, key(UiKey::slash), shown, ctx);
    handle_key(ui, text('x'), shown, ctx);
    EXPECT_EQ(handle_key(ui, key(UiKey::escape), shown, ctx), UiEffect::redraw);
    EXPECT_EQ(ui.filter, "--dport 443");
}

TEST(LiveUi, PauseHelpAndQuit) {
    LiveUi ui;
    LiveTopFrame shown;
    auto ctx = context();
    handle_key(ui, key(UiKey::space), shown, ctx);
    EXPECT_TRUE(ui.paused);
    handle_key(ui, key(UiKey::space), shown, ctx);
    EXPECT_FALSE(ui.paused);
    handle_key(ui, key(UiKey::help), shown, ctx);
    EXPECT_EQ(ui.mode, UiMode::help);
    EXPECT_EQ(handle_key(ui, key(UiKey::down), shown, ctx), UiEffect::redraw);
    EXPECT_EQ(ui.mode, UiMode::browse);
    EXPECT_EQ(handle_key(ui, key(UiKey::quit), shown, ctx), UiEffect::quit);
}

TEST(LiveUi, FlushRunsOnlyAfterYes) {
    LiveUi ui;
    ui.filter = "--state SYN_SENT";
    GroupValues v = src("198.18.0.7");
    LiveTopFrame shown = frame_with_rows({TopKey::src}, {{v, 1234, 0}});
    LiveContext ctx = context();
    ctx.netns = "vps101";
    EXPECT_EQ(handle_key(ui, key(UiKey::flush), shown, ctx), UiEffect::redraw);
    ASSERT_EQ(ui.mode, UiMode::confirm);
    ASSERT_TRUE(ui.pending);
    EXPECT_EQ(ui.pending->argv, (std::vector<std::string>{"ctguard", "--netns", "vps101", "flush", "--src",
                                                          "198.18.0.7", "--state", "SYN_SENT"}));
    EXPECT_EQ(ui.pending->what, "flush the 1,234 entries of 198.18.0.7");
    // Anything but y cancels.
    EXPECT_EQ(handle_key(ui, key(UiKey::enter), shown, ctx), UiEffect::redraw);
    EXPECT_FALSE(ui.pending);
    EXPECT_EQ(ui.message, "cancelled: nothing was done");
    handle_key(ui, key(UiKey::flush), shown, ctx);
    EXPECT_EQ(handle_key(ui, text('y'), shown, ctx), UiEffect::run);
    EXPECT_TRUE(ui.pending);
    EXPECT_EQ(ui.mode, UiMode::browse);
}

TEST(LiveUi, ActionsRefuseRowsTheyCannotName) {
    LiveUi ui;
    ui.by = {TopKey::process};
    GroupValues p;
    p.process = "x[9][4242]";  // a name with brackets of its own
    GroupValues forwarded;
    forwarded.process = "(forwarded)";
    LiveTopFrame shown = frame_with_rows({TopKey::process}, {{p, 10, 0}, {forwarded, 5, 0}});
    auto ctx = context();
    handle_key(ui, key(UiKey::flush), shown, ctx);
    EXPECT_EQ(ui.mode, UiMode::browse);
    EXPECT_NE(ui.message.find("flush needs a row grouped by"), std::string::npos);
    handle_key(ui, key(UiKey::cap), shown, ctx);
    EXPECT_EQ(ui.message, "cap needs a row grouped by src");
    handle_key(ui, key(UiKey::stop), shown, ctx);
    ASSERT_EQ(ui.mode, UiMode::confirm);
    EXPECT_EQ(ui.pending->argv, (std::vector<std::string>{"ctguard", "procs", "--kill", "g0123456789", "--yes"}));
    handle_key(ui, text('n'), shown, ctx);
    handle_key(ui, key(UiKey::down), shown, ctx);
    handle_key(ui, key(UiKey::stop), shown, ctx);
    EXPECT_EQ(ui.mode, UiMode::browse);
    EXPECT_EQ(ui.message, "no process holds these entries");
}

TEST(LiveUi, CapNamesTheRowsPort) {
    LiveUi ui;
    ui.by = {TopKey::src, TopKey::dport};
    GroupValues v = src("198.18.0.7");
    v.dport = 443;
    LiveTopFrame shown = frame_with_rows(ui.by, {{v, 500, 0}});
    auto ctx = context();
    handle_key(ui, key(UiKey::cap), shown, ctx);
    ASSERT_TRUE(ui.pending);
    EXPECT_EQ(ui.pending->argv, (std::vector<std::string>{"ctguard", "cap", "--per-source", "100", "--ports", "443"}));
}

TEST(LiveScreen, FitsEveryLineAndShowsTheRows) {
    LiveUi ui;
    std::vector<LiveTopRow> rows;
    for (int i = 0; i < 40; ++i) rows.push_back({src(("198.18.0." + std::to_string(i + 1)).c_str()), uint64_t(100 - i), 1.5});
    LiveTopFrame f = frame_with_rows({TopKey::src}, rows);
    f.new_history = {0, 10, 20, 40, 80};
    f.level = Level::elevated;
    for (auto [r, c] : {std::pair{24, 80}, std::pair{10, 40}, std::pair{50, 200}, std::pair{3, 10}}) {
        auto screen = live_top_screen(f, ui, {r, c, "vps101", true});
        ASSERT_EQ(screen.size(), size_t(r));
        for (const auto& line : screen) EXPECT_LE(text_columns(line_text(line)), size_t(c)) << line_text(line);
    }
    auto screen = live_top_screen(f, ui, {24, 80, "vps101", true});
    EXPECT_NE(line_text(screen[0]).find("ctguard top --live --netns vps101"), std::string::npos);
    EXPECT_NE(line_text(screen[1]).find("elevated"), std::string::npos);
    EXPECT_EQ(screen[1][1].style, Style::elevated);  // the gauge in the level's colour
    EXPECT_NE(line_text(screen[5]).find("SRC"), std::string::npos);
    EXPECT_NE(line_text(screen[6]).find("198.18.0.1 "), std::string::npos);
    EXPECT_EQ(screen[6][0].style, Style::selected);
    EXPECT_NE(line_text(screen[6]).find("+1.5"), std::string::npos);
    EXPECT_NE(line_text(screen[23]).find("q quit"), std::string::npos);
}

TEST(LiveScreen, SelectionScrollsIntoView) {
    LiveUi ui;
    std::vector<LiveTopRow> rows;
    for (int i = 0; i < 40; ++i) rows.push_back({src(("198.18.1." + std::to_string(i + 1)).c_str()), uint64_t(100 - i), 0});
    LiveTopFrame f = frame_with_rows({TopKey::src}, rows);
    ui.selected = 30;
    auto screen = live_top_screen(f, ui, {24, 80, "", false});
    bool found = false;
    for (const auto& line : screen) {
        if (!line.empty() && line[0].style == Style::selected) {
            found = true;
            EXPECT_NE(line_text(line).find("198.18.1.31 "), std::string::npos);
        }
    }
    EXPECT_TRUE(found);
}

TEST(LiveScreen, ConfirmationShowsTheExactCommandWholeAndQuoted) {
    LiveUi ui;
    ui.mode = UiMode::confirm;
    ui.pending = PendingAction{LiveAction::flush, "flush the 3 entries of 198.18.0.1",
                               {"ctguard", "--netns", "a b", "flush", "--src", "198.18.0.1"}};
    auto screen = live_top_screen(LiveTopFrame{}, ui, {24, 80, "a b", true});
    EXPECT_EQ(line_text(screen[5]), "flush the 3 entries of 198.18.0.1?");
    EXPECT_EQ(line_text(screen[7]), "  ctguard --netns 'a b' flush --src 198.18.0.1");
    // Narrower than the command: wrapped, nothing lost.
    auto narrow = live_top_screen(LiveTopFrame{}, ui, {24, 20, "a b", true});
    std::string command;
    for (size_t i = 7; line_text(narrow[i]).starts_with("  "); ++i) command += line_text(narrow[i]).substr(2);
    EXPECT_EQ(command, "ctguard --netns 'a b' flush --src 198.18.0.1");
}

TEST(LiveScreen, HostileProcessNamesArePrintable) {
    LiveUi ui;
    ui.by = {TopKey::process};
    GroupValues v;
    v.process = "evil\x1b[2J\n[7]";
    auto screen = live_top_screen(frame_with_rows(ui.by, {{v, 1, 0}}), ui, {24, 80, "", true});
    for (const auto& line : screen) {
        for (char c : line_text(line)) EXPECT_FALSE(c == '\x1b' || c == '\n');
    }
}

TEST(Sparkline, ScalesToTheLargestAndKeepsTheLast) {
    EXPECT_EQ(sparkline({0, 7, 14}, 10, false), " =#");
    EXPECT_EQ(sparkline({100, 0, 7, 14}, 3, false), " =#");
    EXPECT_EQ(sparkline({0, 0}, 5, false), "  ");
    EXPECT_EQ(sparkline({1, 2}, 5, true), "\u2585\u2588");
    EXPECT_EQ(text_columns(sparkline({1, 2, 3}, 5, true)), 3u);
}
