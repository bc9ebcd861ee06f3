#include "lib/time_text.hpp"

#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <ctime>

#include "lib/text.hpp"

namespace ctguard {

std::optional<double> parse_duration(std::string_view text) {
    text = trim(text);
    struct Unit {
        std::string_view suffix;
        double seconds;
    };
    // "ms" before "m" and "s": the longest suffix wins.
    static constexpr Unit kUnits[] = {{"ms", 0.001}, {"s", 1},     {"m", 60},
                                      {"h", 3600},   {"d", 86400}, {"w", 604800}};
    double scale = 1;
    for (const auto& u : kUnits) {
        if (text.ends_with(u.suffix)) {
            text.remove_suffix(u.suffix.size());
            scale = u.seconds;
            break;
        }
    }
    if (text == "0") return 0.0;
    auto v = parse_seconds(text);
    if (!v) return std::nullopt;
    return *v * scale;
}

std::string format_rfc3339(double unix_seconds) {
    double whole = std::floor(unix_seconds);
    auto t = static_cast<time_t>(whole);
    auto ms = static_cast<int>(std::lround((unix_seconds - whole) * 1000.0));
    if (ms == 1000) {
        ++t;
        ms = 0;
    }
    tm utc{};
    gmtime_r(&t, &utc);
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", utc.tm_year + 1900, utc.tm_mon + 1,
                       utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, ms);
}

std::optional<double> parse_rfc3339(std::string_view text) {
    text = trim(text);
    // YYYY-MM-DD[(T| )HH:MM[:SS[.frac]]][Z|(+|-)HH:MM]
    auto digits = [&](size_t pos, size_t n) -> std::optional<int> {
        if (pos + n > text.size()) return std::nullopt;
        auto v = parse_u64(text.substr(pos, n));
        if (!v) return std::nullopt;
        return static_cast<int>(*v);
    };
    auto year = digits(0, 4), mon = digits(5, 2), day = digits(8, 2);
    if (!year || !mon || !day || text[4] != '-' || text[7] != '-') return std::nullopt;
    if (*mon < 1 || *mon > 12 || *day < 1 || *day > 31) return std::nullopt;
    tm t{};
    t.tm_year = *year - 1900;
    t.tm_mon = *mon - 1;
    t.tm_mday = *day;
    double frac = 0;
    long offset = 0;
    size_t pos = 10;
    if (pos < text.size()) {
        if (text[pos] != 'T' && text[pos] != 't' && text[pos] != ' ') return std::nullopt;
        auto hh = digits(pos + 1, 2), mm = digits(pos + 4, 2);
        if (!hh || !mm || text.size() < pos + 6 || text[pos + 3] != ':' || *hh > 23 || *mm > 59)
            return std::nullopt;
        t.tm_hour = *hh;
        t.tm_min = *mm;
        pos += 6;
        if (pos < text.size() && text[pos] == ':') {
            auto ss = digits(pos + 1, 2);
            if (!ss || *ss > 60) return std::nullopt;
            t.tm_sec = *ss;
            pos += 3;
            if (pos < text.size() && text[pos] == '.') {
                size_t end = pos + 1;
                while (end < text.size() && text[end] >= '0' && text[end] <= '9') ++end;
                if (end == pos + 1) return std::nullopt;
                frac = std::strtod(("0" + std::string(text.substr(pos, end - pos))).c_str(), nullptr);
                pos = end;
            }
        }
        if (pos < text.size()) {
            char z = text[pos];
            if ((z == 'Z' || z == 'z') && pos + 1 == text.size()) {
                pos += 1;
            } else if ((z == '+' || z == '-') && text.size() == pos + 6 && text[pos + 3] == ':') {
                auto oh = digits(pos + 1, 2), om = digits(pos + 4, 2);
                if (!oh || !om) return std::nullopt;
                offset = (z == '+' ? 1 : -1) * (*oh * 3600L + *om * 60L);
                pos += 6;
            } else {
                return std::nullopt;
            }
        }
    }
    if (pos != text.size()) return std::nullopt;
    time_t utc = timegm(&t);
    if (utc == static_cast<time_t>(-1)) return std::nullopt;
    return static_cast<double>(utc - offset) + frac;
}

std::string format_duration_short(double seconds) {
    if (seconds < 10) return fmt::format("{:.3g} s", seconds);
    if (seconds < 120) return fmt::format("{:.0f} s", seconds);
    if (seconds < 7200) return fmt::format("{:.0f} min", seconds / 60);
    if (seconds < 172800) return fmt::format("{:.1f} h", seconds / 3600);
    return fmt::format("{:.1f} d", seconds / 86400);
}

double wall_seconds() {
    using namespace std::chrono;
    return duration<double>(system_clock::now().time_since_epoch()).count();
}

double monotonic_seconds() {
    using namespace std::chrono;
    return duration<double>(steady_clock::now().time_since_epoch()).count();
}

}  // namespace ctguard
