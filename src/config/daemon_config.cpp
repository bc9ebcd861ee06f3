#include "model/daemon_config.hpp"

#include <toml++/toml.h>
#include <algorithm>
#include <cmath>
#include <set>

#include "lib/text.hpp"
#include "lib/time_text.hpp"

namespace ctguard {

namespace {

constexpr uint64_t kMaxThreshold = UINT32_MAX;  // the kernel counts entries in 32 bits

// Builds "FILE:LINE: KEY: WHY" errors and reads typed values.
class Reader {
  public:
    explicit Reader(std::string source) : source_(std::move(source)) {}

    Error error(const toml::source_region& where, const std::string& key, const std::string& why,
                std::string hint = {}) const {
        return Error::usage(source_ + ":" + std::to_string(where.begin.line), key + ": " + why,
                            std::move(hint));
    }

    // Every key of `table` must be one of `allowed`.
    Result<void> known_keys(const toml::table& table, const std::string& prefix,
                            std::initializer_list<std::string_view> allowed) const {
        for (auto&& [k, v] : table) {
            if (std::find(allowed.begin(), allowed.end(), k.str()) != allowed.end()) continue;
            std::string list;
            for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
            return error(k.source(), prefix + std::string(k.str()), "unknown key",
                         "known keys here: " + list);
        }
        return {};
    }

    Result<uint64_t> count(const toml::node& n, const std::string& key, uint64_t lo, uint64_t hi) const {
        auto v = n.value<int64_t>();
        if (!n.is_integer() || !v || *v < 0 || static_cast<uint64_t>(*v) < lo ||
            static_cast<uint64_t>(*v) > hi) {
            return error(n.source(), key,
                         "must be an integer from " + std::to_string(lo) + " to " + std::to_string(hi));
        }
        return static_cast<uint64_t>(*v);
    }

    // A number of seconds, or a duration string ("30s", "5m", "90d").
    Result<double> seconds(const toml::node& n, const std::string& key, double lo, double hi) const {
        std::optional<double> v;
        if (n.is_integer() || n.is_floating_point())
            v = n.value<double>();
        else if (auto s = n.value<std::string>())
            v = parse_duration(*s);
        if (!v || !std::isfinite(*v) || *v < lo || *v > hi) {
            return error(n.source(), key,
                         "must be a number of seconds or a duration from " + format_duration_short(lo) +
                             " to " + format_duration_short(hi),
                         "e.g. 1, 0.5, \"30s\", \"5m\", \"90d\"");
        }
        return *v;
    }

    Result<std::string> string(const toml::node& n, const std::string& key) const {
        auto s = n.value<std::string>();
        if (!n.is_string() || !s) return error(n.source(), key, "must be a string");
        return *s;
    }

    // A string or an array of strings.
    Result<std::vector<std::string>> strings(const toml::node& n, const std::string& key) const {
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

  private:
    std::string source_;
};

struct ThresholdKeys {
    bool any = false;
    toml::source_region where;
};

// warn / cap / suspend / for, in [thresholds] or a [[tenant]]: only the keys present override.
Result<ThresholdKeys> read_thresholds(const Reader& r, const toml::table& t, const std::string& prefix,
                                      Thresholds& out, double& recover_after) {
    ThresholdKeys seen;
    struct Field {
        const char* key;
        uint64_t* value;
    } fields[] = {{"warn", &out.warn}, {"cap", &out.cap}, {"suspend", &out.suspend}};
    for (auto& f : fields) {
        if (const auto* n = t.get(f.key)) {
            auto v = r.count(*n, prefix + f.key, 1, kMaxThreshold);
            if (!v) return v.error();
            *f.value = *v;
            seen.any = true;
            seen.where = n->source();
        }
    }
    if (const auto* n = t.get("for")) {
        auto v = r.seconds(*n, prefix + "for", 0, 86400);
        if (!v) return v.error();
        recover_after = *v;
    }
    return seen;
}

Result<void> check_order(const Reader& r, const ThresholdKeys& seen, const toml::source_region& fallback,
                         const std::string& prefix, const Thresholds& t) {
    const auto& where = seen.any ? seen.where : fallback;
    if (t.warn > t.cap) {
        return r.error(where, prefix + "warn",
                       "warn (" + std::to_string(t.warn) + ") is above cap (" + std::to_string(t.cap) + ")",
                       "thresholds must be ordered warn <= cap <= suspend");
    }
    if (t.cap > t.suspend) {
        return r.error(
            where, prefix + "cap",
            "cap (" + std::to_string(t.cap) + ") is above suspend (" + std::to_string(t.suspend) + ")",
            "thresholds must be ordered warn <= cap <= suspend");
    }
    return {};
}

Result<void> read_daemon(const Reader& r, const toml::table& t, DaemonConfig& c) {
    if (auto ok = r.known_keys(
            t, "daemon.",
            {"interval", "db", "listen", "retention", "top", "top_interval", "max_running_actions"});
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
    return {};
}

Result<TenantSpec> read_tenant(const Reader& r, const toml::table& t, const std::string& prefix,
                               const DaemonConfig& defaults) {
    if (auto ok = r.known_keys(t, prefix,
                               {"name", "netns", "zone", "mark", "cidr", "warn", "cap", "suspend", "for"});
        !ok) {
        return ok.error();
    }
    TenantSpec s;
    s.line = static_cast<int>(t.source().begin.line);
    s.thresholds = defaults.thresholds;
    s.recover_after = defaults.recover_after;

    // The second source key in file order is the mistake.
    std::vector<std::pair<const toml::node*, const char*>> sources;
    for (const char* k : {"netns", "zone", "mark", "cidr"}) {
        if (const auto* n = t.get(k)) sources.emplace_back(n, k);
    }
    std::sort(sources.begin(), sources.end(),
              [](const auto& a, const auto& b) { return a.first->source().begin < b.first->source().begin; });
    if (sources.size() > 1) {
        return r.error(sources[1].first->source(), prefix + sources[1].second,
                       "a tenant has exactly one of netns, zone, mark, cidr",
                       "split it into two [[tenant]] tables");
    }
    if (sources.empty()) {
        return r.error(t.source(), prefix.substr(0, prefix.size() - 1),
                       "needs one of netns, zone, mark or cidr",
                       "e.g. netns = \"vps101\", netns = \"vps*\", zone = 12, mark = \"0x10/0xff\", cidr = "
                       "[\"198.18.5.0/24\"]");
    }

    if (const auto* n = t.get("netns")) {
        auto v = r.string(*n, prefix + "netns");
        if (!v) return v.error();
        if (v->empty()) return r.error(n->source(), prefix + "netns", "must not be empty");
        s.netns = *v;
        s.kind = is_glob(*v) ? TenantKind::netns_glob : TenantKind::netns;
        if (s.kind == TenantKind::netns_glob && v->find('/') != std::string::npos) {
            return r.error(n->source(), prefix + "netns", "a glob matches names under /run/netns, not paths");
        }
        if (v->starts_with("pid:") && !parse_u64(std::string_view(*v).substr(4))) {
            return r.error(n->source(), prefix + "netns", "'" + *v + "' is not pid:N");
        }
    } else if (const auto* n = t.get("zone")) {
        auto v = r.count(*n, prefix + "zone", 0, 65535);
        if (!v) return v.error();
        s.kind = TenantKind::zone;
        s.zone = static_cast<uint16_t>(*v);
    } else if (const auto* n = t.get("mark")) {
        s.kind = TenantKind::mark;
        if (n->is_integer()) {
            auto v = r.count(*n, prefix + "mark", 0, UINT32_MAX);
            if (!v) return v.error();
            s.mark = MarkMatch{static_cast<uint32_t>(*v), 0xffffffff};
        } else {
            auto text = r.string(*n, prefix + "mark");
            if (!text) return text.error();
            auto slash = text->find('/');
            auto v = parse_u64_any_base(std::string_view(*text).substr(0, slash), UINT32_MAX);
            auto m = slash == std::string::npos
                         ? std::optional<uint64_t>(UINT32_MAX)
                         : parse_u64_any_base(std::string_view(*text).substr(slash + 1), UINT32_MAX);
            if (!v || !m)
                return r.error(n->source(), prefix + "mark", "'" + *text + "' is not a mark N or N/MASK");
            s.mark = MarkMatch{static_cast<uint32_t>(*v & *m), static_cast<uint32_t>(*m)};
        }
    } else if (const auto* n = t.get("cidr")) {
        auto texts = r.strings(*n, prefix + "cidr");
        if (!texts) return texts.error();
        s.kind = TenantKind::cidr;
        for (const auto& text : *texts) {
            auto c = parse_cidr(trim(text));
            if (!c) {
                return r.error(n->source(), prefix + "cidr", "'" + text + "' is not an IP address or CIDR",
                               "e.g. 198.18.5.0/24 or 2001:db8::/32");
            }
            s.cidrs.push_back(*c);
        }
    }

    if (const auto* n = t.get("name")) {
        auto v = r.string(*n, prefix + "name");
        if (!v) return v.error();
        if (v->empty()) return r.error(n->source(), prefix + "name", "must not be empty");
        if (s.kind == TenantKind::netns_glob) {
            return r.error(n->source(), prefix + "name", "a netns glob names each tenant after its namespace",
                           "drop name, or list the namespace without a glob");
        }
        for (char c : *v) {
            if (static_cast<unsigned char>(c) < 0x20 || c == '"' || c == '\\') {
                return r.error(n->source(), prefix + "name",
                               "must not hold control characters, quotes or backslashes");
            }
        }
        s.name = *v;
    } else if (s.kind == TenantKind::netns || s.kind == TenantKind::netns_glob) {
        s.name = s.netns;
    } else {
        return r.error(sources[0].first->source(), prefix + "name",
                       "a zone, mark or CIDR tenant needs a name");
    }

    auto seen = read_thresholds(r, t, prefix, s.thresholds, s.recover_after);
    if (!seen) return seen.error();
    if (auto ok = check_order(r, *seen, t.source(), prefix, s.thresholds); !ok) return ok.error();
    return s;
}

Result<ActionSpec> read_action(const Reader& r, const toml::table& t, const std::string& prefix) {
    if (auto ok = r.known_keys(t, prefix, {"on", "exec", "cap", "timeout", "tenants"}); !ok)
        return ok.error();
    ActionSpec a;
    a.line = static_cast<int>(t.source().begin.line);
    const auto* on = t.get("on");
    if (!on) {
        return r.error(t.source(), prefix + "on", "missing",
                       "e.g. on = [\"warn\", \"cap\", \"suspend\", \"recover\"]");
    }
    auto names = r.strings(*on, prefix + "on");
    if (!names) return names.error();
    for (const auto& name : *names) {
        auto l = parse_event_level(name);
        if (!l)
            return r.error(on->source(), prefix + "on", "unknown level '" + name + "'",
                           "levels: warn, cap, suspend, recover");
        if (!a.wants(*l)) a.on.push_back(*l);
    }

    const auto* exec = t.get("exec");
    const auto* cap = t.get("cap");
    if (exec && cap) {
        return r.error(cap->source(), prefix + "cap", "an action has exactly one of exec or cap",
                       "write a second [[action]] for the other");
    }
    if (!exec && !cap) {
        return r.error(t.source(), prefix + "exec",
                       "missing: an action runs a program (exec) or the built-in cap",
                       "e.g. exec = \"/usr/local/sbin/notify\" or cap = 200 (connections per source)");
    }
    if (exec) {
        // A string is split on blanks (no shell, no quoting); an array is the argv as written.
        if (exec->is_string()) {
            const std::string line = *exec->value<std::string>();
            for (auto word : split(line, ' ')) {
                if (!trim(word).empty()) a.argv.emplace_back(trim(word));
            }
            if (a.argv.empty()) return r.error(exec->source(), prefix + "exec", "must not be empty");
        } else {
            auto argv = r.strings(*exec, prefix + "exec");
            if (!argv) return argv.error();
            a.argv = *argv;
        }
    } else {
        auto v = r.count(*cap, prefix + "cap", 1, 1000000);
        if (!v) return v.error();
        a.cap = static_cast<uint32_t>(*v);
    }
    if (const auto* n = t.get("timeout")) {
        auto v = r.seconds(*n, prefix + "timeout", 0.01, 3600);
        if (!v) return v.error();
        a.timeout = *v;
    }
    if (const auto* n = t.get("tenants")) {
        auto v = r.strings(*n, prefix + "tenants");
        if (!v) return v.error();
        a.tenants = *v;
    }
    return a;
}

// [[tenant]] / [[action]]: an array of tables; anything else there is a mistake.
Result<const toml::array*> array_of_tables(const Reader& r, const toml::node& n, const std::string& key) {
    const auto* arr = n.as_array();
    if (!arr || !arr->is_array_of_tables()) {
        return r.error(n.source(), key, "must be written as [[" + key + "]] tables");
    }
    return arr;
}

}  // namespace

Result<DaemonConfig> parse_daemon_config(std::string_view text, const std::string& source) {
    Reader r(source);
    toml::table root;
    try {
        root = toml::parse(text, source);
    } catch (const toml::parse_error& e) {
        return Error::usage(source + ":" + std::to_string(e.source().begin.line),
                            "syntax: " + std::string(e.description()));
    }
    if (auto ok = r.known_keys(root, "", {"daemon", "thresholds", "tenant", "action"}); !ok)
        return ok.error();

    DaemonConfig c;
    if (const auto* n = root.get("daemon")) {
        const auto* t = n->as_table();
        if (!t) return r.error(n->source(), "daemon", "must be a [daemon] table");
        if (auto ok = read_daemon(r, *t, c); !ok) return ok.error();
    }
    if (const auto* n = root.get("thresholds")) {
        const auto* t = n->as_table();
        if (!t) return r.error(n->source(), "thresholds", "must be a [thresholds] table");
        if (auto ok = r.known_keys(*t, "thresholds.", {"warn", "cap", "suspend", "for"}); !ok)
            return ok.error();
        auto seen = read_thresholds(r, *t, "thresholds.", c.thresholds, c.recover_after);
        if (!seen) return seen.error();
        if (auto ok = check_order(r, *seen, t->source(), "thresholds.", c.thresholds); !ok) return ok.error();
    }
    if (const auto* n = root.get("tenant")) {
        auto arr = array_of_tables(r, *n, "tenant");
        if (!arr) return arr.error();
        std::set<std::string> names;
        size_t i = 0;
        for (const auto& el : **arr) {
            std::string prefix = "tenant[" + std::to_string(++i) + "].";
            auto s = read_tenant(r, *el.as_table(), prefix, c);
            if (!s) return s.error();
            if (!names.insert(s->name).second) {
                const auto* where =
                    el.as_table()->get("name") ? el.as_table()->get("name") : el.as_table()->get("netns");
                return r.error(where->source(), prefix + "name", "tenant '" + s->name + "' is defined twice");
            }
            c.tenants.push_back(std::move(*s));
        }
    }
    if (c.tenants.empty()) {
        TenantSpec host;
        host.name = "host";
        host.thresholds = c.thresholds;
        host.recover_after = c.recover_after;
        c.tenants.push_back(host);
    }
    if (const auto* n = root.get("action")) {
        auto arr = array_of_tables(r, *n, "action");
        if (!arr) return arr.error();
        size_t i = 0;
        for (const auto& el : **arr) {
            auto a = read_action(r, *el.as_table(), "action[" + std::to_string(++i) + "].");
            if (!a) return a.error();
            c.actions.push_back(std::move(*a));
        }
    }
    return c;
}

}  // namespace ctguard
