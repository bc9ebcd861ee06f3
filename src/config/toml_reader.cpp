#include "config/toml_reader.hpp"

#include <algorithm>
#include <cmath>

#include "lib/text.hpp"
#include "lib/time_text.hpp"

namespace ctguard {

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
