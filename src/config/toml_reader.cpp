#include "config/toml_reader.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "lib/text.hpp"
#include "lib/time_text.hpp"

namespace ctguard {

namespace {

// toml++ 3.3.0 (Debian 12) reaches __builtin_unreachable() when some non-ASCII characters stand where
// it skips blanks: a byte-order mark, U+00A7 after a line-ending backslash (upstream issues 190 and
// 295, fixed after 3.3.0). fuzz/daemon_config found it. The configuration is ASCII, so such bytes
// never reach the parser; a leading byte-order mark (editors write one) is dropped.
Result<std::string_view> ascii_only(std::string_view text, const std::string& source) {
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
    for (size_t i = 0; i < text.size(); ++i) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if (byte < 0x80) continue;
        const auto line = std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(i), '\n') + 1;
        return Error::usage(source + ":" + std::to_string(line),
                            fmt::format("byte 0x{:02X} is not ASCII: the configuration is ASCII only", byte),
                            "in a string, write the character as \\uXXXX");
    }
    return text;
}

}  // namespace

Result<toml::table> parse_toml(std::string_view whole, const std::string& source) {
    auto text = ascii_only(whole, source);
    if (!text) return text.error();
    try {
        return toml::parse(*text, source);
    } catch (const toml::parse_error& e) {
        return Error::usage(source + ":" + std::to_string(e.source().begin.line),
                            "syntax: " + std::string(e.description()));
    }
}

Error TomlReader::error(const toml::source_region& where, const std::string& key, const std::string& why,
                        std::string hint) const {
    return Error::usage(source_ + ":" + std::to_string(where.begin.line), key + ": " + why, std::move(hint));
}

Error TomlReader::error_at(const toml::node& n, const Error& e) const {
    return error(n.source(), e.what, e.why, e.hint);
}

Result<void> TomlReader::known_keys(const toml::table& table, const std::string& prefix,
                                    std::initializer_list<std::string_view> allowed) const {
    for (auto&& [k, v] : table) {
        if (std::find(allowed.begin(), allowed.end(), k.str()) != allowed.end()) continue;
        return error(k.source(), prefix + std::string(k.str()), "unknown key",
                     "known keys here: " + join(allowed, ", ", [](std::string_view a) { return a; }));
    }
    return {};
}

Result<uint64_t> TomlReader::count(const toml::node& n, const std::string& key, uint64_t lo,
                                   uint64_t hi) const {
    auto v = n.value<int64_t>();
    if (!n.is_integer() || !v || *v < 0 || static_cast<uint64_t>(*v) < lo || static_cast<uint64_t>(*v) > hi) {
        return error(n.source(), key,
                     "must be an integer from " + std::to_string(lo) + " to " + std::to_string(hi));
    }
    return static_cast<uint64_t>(*v);
}

Result<double> TomlReader::seconds(const toml::node& n, const std::string& key, double lo, double hi) const {
    std::optional<double> v;
    if (n.is_integer() || n.is_floating_point())
        v = n.value<double>();
    else if (auto s = n.value<std::string>())
        v = parse_duration(*s);
    if (!v || !std::isfinite(*v) || *v < lo || *v > hi) {
        return error(n.source(), key,
                     "must be a number of seconds or a duration from " + format_duration_short(lo) + " to " +
                         format_duration_short(hi),
                     "e.g. 1, 0.5, \"30s\", \"5m\", \"90d\"");
    }
    return *v;
}

Result<std::string> TomlReader::string(const toml::node& n, const std::string& key) const {
    auto s = n.value<std::string>();
    if (!n.is_string() || !s) return error(n.source(), key, "must be a string");
    return *s;
}

Result<bool> TomlReader::boolean(const toml::node& n, const std::string& key) const {
    auto b = n.value<bool>();
    if (!n.is_boolean() || !b) return error(n.source(), key, "must be true or false");
    return *b;
}

Result<std::vector<std::string>> TomlReader::strings(const toml::node& n, const std::string& key) const {
    if (n.is_string()) return std::vector<std::string>{*n.value<std::string>()};
    const auto* arr = n.as_array();
    if (!arr) return error(n.source(), key, "must be a string or an array of strings");
    std::vector<std::string> out;
    for (const auto& el : *arr) {
        auto s = el.value<std::string>();
        if (!el.is_string() || !s) return error(el.source(), key, "must hold only strings");
        out.push_back(*s);
    }
    if (out.empty()) return error(n.source(), key, "must not be empty");
    return out;
}

Result<const toml::array*> TomlReader::array_of_tables(const toml::node& n, const std::string& key) const {
    const auto* arr = n.as_array();
    if (!arr || !arr->is_array_of_tables()) {
        return error(n.source(), key, "must be written as [[" + key + "]] tables");
    }
    return arr;
}

}  // namespace ctguard
