#pragma once
// Small text helpers shared by parsers and renderers.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ctguard {

// Whole-string unsigned decimal; nullopt on junk, sign, overflow or a value above max.
std::optional<uint64_t> parse_u64(std::string_view s, uint64_t max = UINT64_MAX);
// parse_u64 that also takes the number as ctguard prints it, with thousands separators: "29,000".
std::optional<uint64_t> parse_count(std::string_view s, uint64_t max = UINT64_MAX);
// Decimal or 0x-prefixed hexadecimal (marks are usually written in hex).
std::optional<uint64_t> parse_u64_any_base(std::string_view s, uint64_t max = UINT64_MAX);
// Positive decimal with an optional fraction, e.g. "0.5" (intervals).
std::optional<double> parse_seconds(std::string_view s);

std::string_view trim(std::string_view s);
// The file name part of a path: "/usr/lib/sysctl.d/50-x.conf" -> "50-x.conf".
std::string_view base_name(std::string_view path);
// "/etc/ssh/sshd_config.d/x.conf" -> {"/etc/ssh/sshd_config.d", "x.conf"}; "x" -> {".", "x"}.
std::pair<std::string, std::string> split_dir_name(std::string_view path);
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
// (1, "finding") -> "1 finding", (1234, "group") -> "1,234 groups"; `many` for other plurals
// (2, "entry", "entries").
std::string count_of(uint64_t n, std::string_view one, std::string_view many = {});
// part of total as a whole percentage, rounded: (97, 100) -> "97%"; "0%" of nothing.
std::string share_percent(uint64_t part, uint64_t total);
// The candidate a typo most likely meant ("chek" -> "check", "stat" -> "status"): the closest by
// edit distance (a swap of two neighbours counts as one edit) within a third of the word's length,
// or the only candidate the word starts; "" when nothing is close enough to suggest.
std::string nearest_word(std::string_view word, const std::vector<std::string>& candidates);
// Config files are a few KiB; 4 MiB leaves room for a big one without letting a 64 GiB sparse file
// (anyone can make one in their home) exhaust memory.
inline constexpr size_t small_file_max = 4 << 20;
// Kernel tables and the dpkg database grow with the machine (/proc/net/tcp with a million sockets is
// 150 MiB); they are not files a user can make, so the cap only stops a runaway.
inline constexpr size_t table_file_max = 256 << 20;
// Whether the file's own name may be a symlink. `refuse` (O_NOFOLLOW) is for files whose owner is not
// root (~/.ssh/authorized_keys, ~/.bashrc, files under /tmp): root following the owner's link to
// /etc/shadow would read, and report, a file the owner may not read.
enum class FinalLink { follow, refuse };
// Reads a whole small regular file (config, proc and sys files); nullopt with errno set when it cannot
// be read: EFBIG when it is larger than max_bytes, EINVAL when it is not a regular file (a FIFO or a
// device, which could block or never end), ELOOP when it is a refused symlink.
std::optional<std::string> read_small_file(const std::string& path, size_t max_bytes = small_file_max,
                                           FinalLink link = FinalLink::follow);
// Why read_small_file failed, for a note: "larger than 4 MiB", "not a regular file", "a symbolic link
// (not followed)" or strerror(err).
std::string small_file_error(int err, size_t max_bytes = small_file_max);
// A string an intruder may have chosen (a process name, a path, a command line, a line of a user's
// file), made safe to print on a terminal: control characters (C0, DEL, C1, so also ESC and newline)
// and bytes that are not UTF-8 become \xNN (C1 as \u0080..\u009f), so they can neither rewrite the
// screen nor forge a line. Backslashes stay as they are: rc lines and command lines are full of them.
std::string printable(std::string_view s);
// One shell word that a POSIX shell reads back as exactly `s`: left bare when it holds only safe
// characters, else single-quoted (a ' inside becomes '\''), so a pasted command runs nothing else.
std::string shell_quote(std::string_view s);

}  // namespace ctguard
