#include "config/tenant_config.hpp"

#include <algorithm>

#include "config/thresholds_config.hpp"
#include "lib/text.hpp"

namespace ctguard {

namespace {

Result<void> read_netns(const TomlReader& r, const toml::node& n, const std::string& key, TenantSpec& s) {
    auto v = r.string(n, key);
    if (!v) return v.error();
    if (v->empty()) return r.error(n.source(), key, "must not be empty");
    s.netns = *v;
    s.kind = is_glob(*v) ? TenantKind::netns_glob : TenantKind::netns;
    if (s.kind == TenantKind::netns_glob && v->find('/') != std::string::npos) {
        return r.error(n.source(), key, "a glob matches names under /run/netns, not paths");
    }
    if (v->starts_with("pid:") && !parse_u64(std::string_view(*v).substr(4))) {
        return r.error(n.source(), key, "'" + *v + "' is not pid:N");
    }
    return {};
}

// An integer, or a string "N" / "N/MASK" read as `--mark` reads it.
Result<MarkMatch> read_mark(const TomlReader& r, const toml::node& n, const std::string& key) {
    if (n.is_integer()) {
        auto v = r.count(n, key, 0, UINT32_MAX);
        if (!v) return v.error();
        return MarkMatch{static_cast<uint32_t>(*v), 0xffffffff};
    }
    auto text = r.string(n, key);
    if (!text) return text.error();
    auto m = parse_mark(key, *text);
    if (!m) return r.error_at(n, m.error());
    return *m;
}

// The source of entries: exactly one of netns, zone, mark, cidr. Returns the node that sets it.
Result<const toml::node*> read_source(const TomlReader& r, const toml::table& t, const std::string& prefix,
                                      TenantSpec& s) {
    // The second source key in file order is the mistake.
    std::vector<std::pair<const toml::node*, const char*>> sources;
    for (const char* k : {"netns", "discover", "zone", "mark", "cidr"}) {
        if (const auto* n = t.get(k)) sources.emplace_back(n, k);
    }
    std::sort(sources.begin(), sources.end(),
              [](const auto& a, const auto& b) { return a.first->source().begin < b.first->source().begin; });
    if (sources.size() > 1) {
        return r.error(sources[1].first->source(), prefix + sources[1].second,
                       "a tenant has exactly one of netns, discover, zone, mark, cidr",
                       "split it into two [[tenant]] tables");
    }
    if (sources.empty()) {
        return r.error(t.source(), prefix.substr(0, prefix.size() - 1),
                       "needs one of netns, discover, zone, mark or cidr",
                       "e.g. netns = \"vps101\", netns = \"vps*\", discover = \"containers\", zone = 12, "
                       "mark = \"0x10/0xff\", cidr = [\"198.18.5.0/24\"]");
    }
    const auto& [n, name] = sources.front();
    const std::string key = prefix + name;
    const std::string_view kind = name;
    if (kind == "netns") {
        if (auto ok = read_netns(r, *n, key, s); !ok) return ok.error();
    } else if (kind == "discover") {
        auto v = r.string(*n, key);
        if (!v) return v.error();
        if (*v != "all" && *v != "containers")
            return r.error(n->source(), key, "'" + *v + "' is neither \"all\" nor \"containers\"");
        s.kind = TenantKind::netns_discover;
        s.netns = *v;
    } else if (kind == "zone") {
        auto v = r.count(*n, key, 0, 65535);
        if (!v) return v.error();
        s.kind = TenantKind::zone;
        s.zone = static_cast<uint16_t>(*v);
    } else if (kind == "mark") {
        auto m = read_mark(r, *n, key);
        if (!m) return m.error();
        s.kind = TenantKind::mark;
        s.mark = *m;
    } else {
        auto texts = r.strings(*n, key);
        if (!texts) return texts.error();
        auto cidrs = parse_cidr_list(key, *texts);
        if (!cidrs) return r.error_at(*n, cidrs.error());
        s.kind = TenantKind::cidr;
        s.cidrs = *cidrs;
    }
    return n;
}

Result<void> read_name(const TomlReader& r, const toml::table& t, const std::string& prefix,
                       const toml::node& source, TenantSpec& s) {
    const auto* n = t.get("name");
    if (!n) {
        if (s.kind != TenantKind::netns && !s.is_finder()) {
            return r.error(source.source(), prefix + "name", "a zone, mark or CIDR tenant needs a name");
        }
        s.name = s.finder();
        return {};
    }
    auto v = r.string(*n, prefix + "name");
    if (!v) return v.error();
    if (v->empty()) return r.error(n->source(), prefix + "name", "must not be empty");
    if (s.is_finder()) {
        return r.error(n->source(), prefix + "name", "a netns glob or discovery names each tenant after its namespace",
                       "drop name, or list the namespace by itself");
    }
    for (char c : *v) {
        if (static_cast<unsigned char>(c) < 0x20 || c == '"' || c == '\\') {
            return r.error(n->source(), prefix + "name",
                           "must not hold control characters, quotes or backslashes");
        }
    }
    s.name = *v;
    return {};
}

}  // namespace

Result<TenantSpec> read_tenant(const TomlReader& r, const toml::table& t, const std::string& prefix,
                               const DaemonConfig& defaults) {
    if (auto ok = r.known_keys(t, prefix,
                               {"name", "netns", "discover", "zone", "mark", "cidr", "warn", "cap", "suspend", "for",
                                "live_table"});
        !ok) {
        return ok.error();
    }
    TenantSpec s;
    s.line = static_cast<int>(t.source().begin.line);
    s.thresholds = defaults.thresholds;
    s.recover_after = defaults.recover_after;
    auto source = read_source(r, t, prefix, s);
    if (!source) return source.error();
    if (auto ok = read_name(r, t, prefix, **source, s); !ok) return ok.error();
    if (auto ok = read_thresholds(r, t, prefix, s.thresholds, s.recover_after); !ok) return ok.error();
    if (const auto* n = t.get("live_table")) {
        auto v = r.boolean(*n, prefix + "live_table");
        if (!v) return v.error();
        // Host, zone, mark and CIDR tenants are counted in the daemon's own table, which is always live.
        if (*v && s.kind != TenantKind::netns && !s.is_finder())
            return r.error(n->source(), prefix + "live_table",
                           "only a namespace's tenant has a table of its own; the daemon's own table is always live");
        s.live_table = *v;
    }
    return s;
}

}  // namespace ctguard
