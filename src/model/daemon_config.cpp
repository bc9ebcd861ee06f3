// What the daemon configuration's types know about themselves (declared in model/daemon_config.hpp):
// defined here, in the layer that declares them, so analysis and report can use them without the
// TOML parser.
#include "model/daemon_config.hpp"

#include <fnmatch.h>

#include <algorithm>

namespace ctguard {

bool TenantSpec::same_source(const TenantSpec& o) const {
    if (kind != o.kind) return false;
    switch (kind) {
        case TenantKind::host:
            return true;
        case TenantKind::netns:
        case TenantKind::netns_glob:
        case TenantKind::netns_discover:
            return netns == o.netns;
        case TenantKind::zone:
            return zone == o.zone;
        case TenantKind::mark:
            return mark.value == o.mark.value && mark.mask == o.mark.mask;
        case TenantKind::cidr:
            return cidrs.size() == o.cidrs.size() &&
                   std::equal(cidrs.begin(), cidrs.end(), o.cidrs.begin(), [](const Cidr& a, const Cidr& b) {
                       return a.prefix == b.prefix && a.net == b.net;
                   });
    }
    return false;
}

bool ActionSpec::wants(Level level) const {
    return std::find(on.begin(), on.end(), level) != on.end();
}

bool ActionSpec::applies_to(std::string_view tenant) const {
    if (tenants.empty()) return true;
    return std::any_of(tenants.begin(), tenants.end(),
                       [&](const std::string& g) { return name_matches(g, tenant); });
}

std::string ActionSpec::describe() const {
    if (cap) return "cap " + std::to_string(*cap);
    if (shield) return "shield";
    std::string s = "exec";
    for (const auto& a : argv) s += " " + a;
    return s;
}

std::string_view trigger_name(Level level) {
    switch (level) {
        case Level::ok:
            return "recover";
        case Level::elevated:
            return "warn";
        case Level::capped:
            return "cap";
        case Level::critical:
            return "suspend";
    }
    return "recover";
}

std::optional<Level> parse_trigger(std::string_view name) {
    for (Level l : {Level::ok, Level::elevated, Level::capped, Level::critical}) {
        if (trigger_name(l) == name) return l;
    }
    return std::nullopt;
}

bool name_matches(std::string_view glob, std::string_view name) {
    return ::fnmatch(std::string(glob).c_str(), std::string(name).c_str(), 0) == 0;
}

bool is_glob(std::string_view text) {
    return text.find_first_of("*?[") != std::string_view::npos;
}

}  // namespace ctguard
