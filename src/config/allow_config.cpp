#include "config/allow_config.hpp"

#include <algorithm>
#include <cerrno>

#include "config/toml_reader.hpp"
#include "lib/text.hpp"

namespace ctguard {

namespace {

bool is_sha256(std::string_view s) {
    return s.size() == 64 &&
           std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

}  // namespace

Result<AllowList> parse_allow_list(std::string_view text, const std::string& source) {
    auto parsed = parse_toml(text, source);
    if (!parsed) return parsed.error();
    const toml::table& t = *parsed;
    TomlReader r(source);
    if (auto ok = r.known_keys(t, "", {"sha256", "path", "unit", "package"}); !ok) return ok.error();
    AllowList allow;
    allow.source = source;
    struct Key {
        const char* name;
        std::vector<std::string>* into;
        bool (*valid)(std::string_view);
        const char* why;
    } keys[] = {
        {"sha256", &allow.sha256, is_sha256, "must be 64 lowercase hex digits (sha256sum prints them)"},
        {"path", &allow.paths, [](std::string_view s) { return s.starts_with('/'); },
         "must be an absolute path or glob, e.g. \"/opt/acme/*\""},
        {"unit", &allow.units, [](std::string_view s) { return !s.empty() && s.find('/') == std::string_view::npos; },
         "must be a unit name, e.g. \"consul.service\""},
        {"package", &allow.packages, [](std::string_view s) { return !s.empty() && s.find('/') == std::string_view::npos; },
         "must be a package name, e.g. \"openssh-server\""},
    };
    for (const auto& k : keys) {
        const auto* n = t.get(k.name);
        if (!n) continue;
        auto values = r.strings(*n, k.name);
        if (!values) return values.error();
        for (auto& v : *values) {
            if (!k.valid(v)) return r.error(n->source(), k.name, "'" + printable(v) + "' " + k.why);
            k.into->push_back(std::move(v));
        }
    }
    return allow;
}

Result<AllowList> load_allow_list(const RootDir& root) {
    const std::string path = root.path(kAllowFile);
    auto text = read_small_file(path);
    if (!text) {
        if (errno == ENOENT) return AllowList{};
        return Error::usage(path, small_file_error(errno), "fix or remove it: it lists the processes you vouch for");
    }
    return parse_allow_list(*text, path);
}

}  // namespace ctguard
