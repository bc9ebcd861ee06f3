#pragma once
// `top --live`'s screen, laid out as lines of styled spans for a ROWS x COLS terminal. The ncurses
// edge (cli/top_live.cpp) draws them as they are: every decision about what goes where is here,
// where a unit test can see it.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "model/live_top.hpp"

namespace ctguard {

// The edge maps each style to a colour pair; `selected` is drawn in reverse.
enum class Style : uint8_t { plain, title, ok, elevated, capped, critical, selected, dim, prompt, alert };

struct Span {
    std::string text;  // printable: ASCII, or the sparkline's block characters when utf8
    Style style = Style::plain;
};
using ScreenLine = std::vector<Span>;

struct LiveScreenOptions {
    int rows = 24, cols = 80;
    std::string netns;  // shown in the title
    bool utf8 = true;   // the terminal takes UTF-8: a sparkline of block characters, else ASCII
};

// Exactly `rows` lines, none wider than `cols` columns.
std::vector<ScreenLine> live_top_screen(const LiveTopFrame& frame, const LiveUi& ui, const LiveScreenOptions& o);

// The last `width` values as a bar each, scaled to the largest: "▁▂▃▅▇" (or " .:-=+*#" without UTF-8).
std::string sparkline(const std::vector<double>& values, size_t width, bool utf8);
// Columns a span takes: one per code point (everything drawn is single-width).
size_t text_columns(std::string_view s);
// The rows of the body that fit, and the first one shown so that `selected` is visible.
size_t body_rows(int rows);

}  // namespace ctguard
