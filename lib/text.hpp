#pragma once
// Small text helpers shared by parsers and renderers.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ctguard {

// Whole-string unsigned decimal; nullopt on junk, sign, overflow or a value above max.
std::optional<uint64_t> parse_u64(std::string_view s, uint64_t max = UINT64_MAX);
// Decimal or 0x-prefixed hexadecimal (marks are usually written in hex).
std::optional<uint64_t> parse_u64_any_base(std::string_view s, uint64_t max = UINT64_MAX);
// Positive decimal with an optional fraction, e.g. "0.5" (intervals).
std::optional<double> parse_seconds(std::string_view s);

std::string_view trim(std::string_view s);
// The file name part of a path: "/usr/lib/sysctl.d/50-x.conf" -> "50-x.conf".
std::string_view base_name(std::string_view path);
std::vector<std::string_view> split(std::string_view s, char sep);
// "a, b, c" for join({"a","b","c"}, ", ").
std::string join(const std::vector<std::string>& items, std::string_view sep);
// The same for any range, each item written by to_text: join(top.by, ",", top_key_name).
template <class Items, class ToText>
std::string join(const Items& items, std::string_view sep, ToText&& to_text) {
    std::string out;
    bool first = true;
    for (const auto& item : items) {
        if (!first) out.append(sep);
        first = false;
        out += to_text(item);
    }
    return out;
}
std::string to_upper(std::string_view s);
std::string to_lower(std::string_view s);

// 1234567 -> "1,234,567"
std::string with_thousands(uint64_t n);
// A string an intruder may have chosen (a process name, a path, a command line, a line of a user's
// file), made safe to print on a terminal: control characters (C0, DEL, C1, so also ESC and newline)
// and bytes that are not UTF-8 become \xNN (C1 as \u0080..\u009f), so they can neither rewrite the
// screen nor forge a line. Backslashes stay as they are: rc lines and command lines are full of them.
std::string printable(std::string_view s);
// One shell word that a POSIX shell reads back as exactly `s`: left bare when it holds only safe
// characters, else single-quoted (a ' inside becomes '\''), so a pasted command runs nothing else.
std::string shell_quote(std::string_view s);
// Reads a whole small file (proc/sys files); nullopt with errno set when it cannot be read.
std::optional<std::string> read_small_file(const std::string& path);

}  // namespace ctguard
