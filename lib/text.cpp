#include "lib/text.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <cstring>

namespace ctguard {

std::optional<uint64_t> parse_u64(std::string_view s, uint64_t max) {
    if (s.empty() || s.size() > 20) return std::nullopt;
    uint64_t v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v, 10);
    if (ec != std::errc() || p != s.data() + s.size() || v > max) return std::nullopt;
    return v;
}

std::optional<uint64_t> parse_count(std::string_view s, uint64_t max) {
    if (s.find(',') == std::string_view::npos) return parse_u64(s, max);
    // Groups of exactly three digits after the first: "29,000" and "1,234,567", not "2,90" or ",5".
    std::string digits;
    const auto groups = split(s, ',');
    for (size_t i = 0; i < groups.size(); ++i) {
        const auto g = groups[i];
        if (g.empty() || g.size() > 3 || (i > 0 && g.size() != 3)) return std::nullopt;
        digits.append(g);
    }
    return parse_u64(digits, max);
}

std::optional<uint64_t> parse_u64_any_base(std::string_view s, uint64_t max) {
    if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        s.remove_prefix(2);
        if (s.empty() || s.size() > 16) return std::nullopt;
        uint64_t v = 0;
        auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v, 16);
        if (ec != std::errc() || p != s.data() + s.size() || v > max) return std::nullopt;
        return v;
    }
    return parse_u64(s, max);
}

std::optional<double> parse_seconds(std::string_view s) {
    if (s.empty() || s.size() > 32) return std::nullopt;
    std::string copy(s);
    char* end = nullptr;
    errno = 0;
    double v = std::strtod(copy.c_str(), &end);
    if (errno != 0 || end != copy.c_str() + copy.size() || !(v > 0) || v > 86400.0 * 365) return std::nullopt;
    return v;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

std::string_view base_name(std::string_view path) {
    size_t slash = path.rfind('/');
    return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

std::pair<std::string, std::string> split_dir_name(std::string_view path) {
    auto slash = path.rfind('/');
    if (slash == std::string_view::npos) return {".", std::string(path)};
    return {slash == 0 ? "/" : std::string(path.substr(0, slash)), std::string(path.substr(slash + 1))};
}

std::vector<std::string_view> split(std::string_view s, char sep) {
    std::vector<std::string_view> out;
    size_t start = 0;
    while (true) {
        size_t pos = s.find(sep, start);
        out.push_back(s.substr(start, pos == std::string_view::npos ? std::string_view::npos : pos - start));
        if (pos == std::string_view::npos) break;
        start = pos + 1;
    }
    return out;
}

std::string join(const std::vector<std::string>& items, std::string_view sep) {
    return join(items, sep, [](const std::string& s) -> const std::string& { return s; });
}

std::string to_upper(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

std::string to_lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string with_thousands(uint64_t n) {
    std::string digits = std::to_string(n);
    std::string out;
    out.reserve(digits.size() + digits.size() / 3);
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i != 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
        out.push_back(digits[i]);
    }
    return out;
}

namespace {

// Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps.
size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1));
    for (size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
    for (size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        for (size_t j = 1; j <= b.size(); ++j) {
            const size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    }
    return d[a.size()][b.size()];
}

}  // namespace

std::string nearest_word(std::string_view word, const std::vector<std::string>& candidates) {
    if (word.empty()) return "";
    std::string best;
    size_t best_distance = std::max<size_t>(1, word.size() / 3) + 1;
    std::vector<const std::string*> started;
    for (const auto& c : candidates) {
        if (c.starts_with(word)) started.push_back(&c);
        const size_t d = edit_distance(word, c);
        if (d < best_distance) {
            best_distance = d;
            best = c;
        }
    }
    if (best.empty() && started.size() == 1) best = *started.front();
    return best;
}

std::string count_of(uint64_t n, std::string_view one, std::string_view many) {
    std::string out = with_thousands(n) + " ";
    if (n == 1) return out.append(one);
    if (!many.empty()) return out.append(many);
    return out.append(one) + "s";
}

std::string share_percent(uint64_t part, uint64_t total) {
    if (total == 0) return "0%";
    return std::to_string((part * 100 + total / 2) / total) + "%";
}

std::optional<std::string> read_small_file(const std::string& path, size_t max_bytes, FinalLink link) {
    // O_NONBLOCK: opening a FIFO someone swapped in would otherwise wait for a writer forever.
    int flags = O_RDONLY | O_CLOEXEC | O_NONBLOCK | (link == FinalLink::refuse ? O_NOFOLLOW : 0);
    int fd = ::open(path.c_str(), flags);
    if (fd < 0) return std::nullopt;
    auto fail = [fd](int err) -> std::optional<std::string> {
        ::close(fd);
        errno = err;
        return std::nullopt;
    };
    struct stat st {};
    if (::fstat(fd, &st) != 0) return fail(errno);
    if (!S_ISREG(st.st_mode)) return fail(EINVAL);
    // st_size catches a sparse 64 GiB file before reading; /proc files say 0, so the loop checks too.
    if (static_cast<uint64_t>(st.st_size) > max_bytes) return fail(EFBIG);
    std::string out;
    char buf[4096];
    while (true) {
        ssize_t n = ::read(fd, buf, sizeof buf);
        if (n < 0) {
            if (errno == EINTR) continue;
            return fail(errno);
        }
        if (n == 0) break;
        if (out.size() + static_cast<size_t>(n) > max_bytes) return fail(EFBIG);
        out.append(buf, static_cast<size_t>(n));
    }
    ::close(fd);
    return out;
}

std::string small_file_error(int err, size_t max_bytes) {
    if (err == EFBIG) return "larger than " + std::to_string(max_bytes >> 20) + " MiB";
    if (err == EINVAL) return "not a regular file";
    if (err == ELOOP) return "a symbolic link, not followed";
    return std::strerror(err);
}

namespace {

// Length of the well-formed UTF-8 sequence at s[i] (RFC 3629: no overlong forms, no surrogates, at
// most U+10FFFF) and its code point; 0 when the byte there does not start one.
size_t utf8_sequence(std::string_view s, size_t i, char32_t& cp) {
    const auto byte = [&](size_t k) { return static_cast<unsigned char>(s[i + k]); };
    const unsigned char b0 = byte(0);
    size_t len = 0;
    if (b0 < 0x80) {
        cp = b0;
        return 1;
    }
    if (b0 >= 0xc2 && b0 <= 0xdf) {
        len = 2;
        cp = b0 & 0x1f;
    } else if (b0 >= 0xe0 && b0 <= 0xef) {
        len = 3;
        cp = b0 & 0x0f;
    } else if (b0 >= 0xf0 && b0 <= 0xf4) {
        len = 4;
        cp = b0 & 0x07;
    } else {
        return 0;
    }
    if (i + len > s.size()) return 0;
    for (size_t k = 1; k < len; ++k) {
        if ((byte(k) & 0xc0) != 0x80) return 0;
        cp = (cp << 6) | (byte(k) & 0x3f);
    }
    constexpr char32_t kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kSmallest[len] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return 0;
    return len;
}

// \x1b for 0x1b, \u009b for U+009B (no fmt here: the name model's tools build this file without the rest
// of lib, in ctguard_name_model_code).
void append_escape(std::string& out, char kind, unsigned value, int digits) {
    constexpr char kHex[] = "0123456789abcdef";
    out += '\\';
    out += kind;
    for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) out += kHex[(value >> shift) & 0xf];
}

}  // namespace

std::string printable(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size();) {
        char32_t cp = 0;
        const size_t len = utf8_sequence(s, i, cp);
        if (len == 0) {
            append_escape(out, 'x', static_cast<unsigned char>(s[i]), 2);
            ++i;
            continue;
        }
        if (cp < 0x20 || cp == 0x7f)
            append_escape(out, 'x', static_cast<unsigned>(cp), 2);
        else if (cp >= 0x80 && cp <= 0x9f)
            append_escape(out, 'u', static_cast<unsigned>(cp), 4);
        else
            out.append(s.substr(i, len));
        i += len;
    }
    return out;
}

std::string shell_quote(std::string_view s) {
    const bool bare = !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) ||
               std::string_view("@%+=:,./_-").find(c) != std::string_view::npos;
    });
    if (bare) return std::string(s);
    std::string out = "'";
    for (char c : s) {
        if (c == '\'')
            out += "'\\''";
        else
            out += c;
    }
    out += '\'';
    return out;
}

}  // namespace ctguard
