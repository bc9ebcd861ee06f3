#include "config/daemon_config.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "config/action_config.hpp"
#include "config/tenant_config.hpp"
#include "config/thresholds_config.hpp"
#include "config/toml_reader.hpp"

namespace ctguard {

namespace {

Result<void> read_daemon(const TomlReader& r, const toml::table& t, DaemonConfig& c) {
    if (auto ok = r.known_keys(
            t, "daemon.",
            {"interval", "db", "listen", "retention", "top", "top_interval", "max_running_actions",
             "metrics_tenants", "socket", "live_queue"});
        !ok) {
        return ok;
    }
    if (const auto* n = t.get("interval")) {
        auto v = r.seconds(*n, "daemon.interval", 0.05, 3600);
        if (!v) return v.error();
        c.interval = *v;
    }
    if (const auto* n = t.get("db")) {
        auto v = r.string(*n, "daemon.db");
        if (!v) return v.error();
        if (!v->empty() && !v->starts_with('/')) {
            return r.error(n->source(), "daemon.db",
                           "must be an absolute path (or \"\" to turn history off)");
        }
        c.db = *v;
    }
    if (const auto* n = t.get("listen")) {
        auto v = r.string(*n, "daemon.listen");
        if (!v) return v.error();
        c.listen = *v;
        c.listen_line = static_cast<int>(n->source().begin.line);
    }
    if (const auto* n = t.get("retention")) {
        auto v = r.seconds(*n, "daemon.retention", 3600, 3650 * 86400.0);
        if (!v) return v.error();
        c.retention = *v;
    }
    if (const auto* n = t.get("top")) {
        auto v = r.count(*n, "daemon.top", 1, 100);
        if (!v) return v.error();
        c.top = *v;
    }
    if (const auto* n = t.get("top_interval")) {
        auto v = r.seconds(*n, "daemon.top_interval", 0, 86400);
        if (!v) return v.error();
        c.top_interval = *v;
    }
    if (const auto* n = t.get("max_running_actions")) {
        auto v = r.count(*n, "daemon.max_running_actions", 1, 256);
        if (!v) return v.error();
        c.max_running_actions = *v;
    }
    if (const auto* n = t.get("socket")) {
        auto v = r.string(*n, "daemon.socket");
        if (!v) return v.error();
        if (!v->empty() && !v->starts_with('/'))
            return r.error(n->source(), "daemon.socket", "must be an absolute path (or \"\" to turn it off)");
        c.socket = *v;
    }
    if (const auto* n = t.get("live_queue")) {
        auto v = r.count(*n, "daemon.live_queue", 1, 2047);
        if (!v) return v.error();
        c.live_queue_mib = *v;
    }
    if (const auto* n = t.get("metrics_tenants")) {
        auto v = r.count(*n, "daemon.metrics_tenants", 0, 100000);
        if (!v) return v.error();
        c.metrics_tenants = *v;
    }
    return {};
}

// A table, or the mistake of writing `key` as something else.
Result<const toml::table*> section(const TomlReader& r, const toml::node& n, const std::string& key) {
    const auto* t = n.as_table();
    if (!t) return r.error(n.source(), key, "must be a [" + key + "] table");
    return t;
}

Result<void> read_tenants(const TomlReader& r, const toml::node& n, DaemonConfig& c) {
    auto arr = r.array_of_tables(n, "tenant");
    if (!arr) return arr.error();
    std::set<std::string> names;
    size_t i = 0;
    for (const auto& el : **arr) {
        const auto& t = *el.as_table();
        std::string prefix = "tenant[" + std::to_string(++i) + "].";
        auto s = read_tenant(r, t, prefix, c);
        if (!s) return s.error();
        if (!names.insert(s->name).second) {
            const auto* where = t.get("name") ? t.get("name") : t.get("netns");
            return r.error(where->source(), prefix + "name", "tenant '" + s->name + "' is defined twice");
        }
        c.tenants.push_back(std::move(*s));
    }
    return {};
}

Result<void> read_actions(const TomlReader& r, const toml::node& n, DaemonConfig& c) {
    auto arr = r.array_of_tables(n, "action");
    if (!arr) return arr.error();
    size_t i = 0;
    for (const auto& el : **arr) {
        auto a = read_action(r, *el.as_table(), "action[" + std::to_string(++i) + "].");
        if (!a) return a.error();
        c.actions.push_back(std::move(*a));
    }
    return {};
}

}  // namespace

Result<DaemonConfig> parse_daemon_config(std::string_view whole, const std::string& source) {
    TomlReader r(source);
    auto parsed = parse_toml(whole, source);
    if (!parsed) return parsed.error();
    const toml::table& root = *parsed;
    if (auto ok = r.known_keys(root, "", {"daemon", "thresholds", "tenant", "action"}); !ok)
        return ok.error();

    DaemonConfig c;
    if (const auto* n = root.get("daemon")) {
        auto t = section(r, *n, "daemon");
        if (!t) return t.error();
        if (auto ok = read_daemon(r, **t, c); !ok) return ok.error();
    }
    if (const auto* n = root.get("thresholds")) {
        auto t = section(r, *n, "thresholds");
        if (!t) return t.error();
        if (auto ok = r.known_keys(**t, "thresholds.", {"warn", "cap", "suspend", "for"}); !ok)
            return ok.error();
        if (auto ok = read_thresholds(r, **t, "thresholds.", c.thresholds, c.recover_after); !ok)
            return ok.error();
    }
    if (const auto* n = root.get("tenant")) {
        if (auto ok = read_tenants(r, *n, c); !ok) return ok.error();
    }
    if (c.tenants.empty()) {
        TenantSpec host;
        host.name = "host";
        host.thresholds = c.thresholds;
        host.recover_after = c.recover_after;
        c.tenants.push_back(host);
    }
    if (const auto* n = root.get("action")) {
        if (auto ok = read_actions(r, *n, c); !ok) return ok.error();
    }
    return c;
}

}  // namespace ctguard
