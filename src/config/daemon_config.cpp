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

Result<DaemonConfig> parse_daemon_config(std::string_view whole, const std::string& source) {
    auto text = ascii_only(whole, source);
    if (!text) return text.error();
    TomlReader r(source);
    toml::table root;
    try {
        root = toml::parse(*text, source);
    } catch (const toml::parse_error& e) {
        return Error::usage(source + ":" + std::to_string(e.source().begin.line),
                            "syntax: " + std::string(e.description()));
    }
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
