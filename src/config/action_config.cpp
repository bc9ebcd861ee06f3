#include "config/action_config.hpp"

#include "lib/text.hpp"

namespace ctguard {

namespace {

Result<void> read_on(const TomlReader& r, const toml::table& t, const std::string& prefix, ActionSpec& a) {
    const auto* on = t.get("on");
    if (!on) {
        return r.error(t.source(), prefix + "on", "missing",
                       "e.g. on = [\"warn\", \"cap\", \"suspend\", \"recover\"]");
    }
    auto names = r.strings(*on, prefix + "on");
    if (!names) return names.error();
    for (const auto& name : *names) {
        auto l = parse_trigger(name);
        if (!l)
            return r.error(on->source(), prefix + "on", "unknown level '" + name + "'",
                           "levels: warn, cap, suspend, recover");
        if (!a.wants(*l)) a.on.push_back(*l);
    }
    return {};
}

// exec: a string is split on blanks (no shell, no quoting); an array is the argv as written.
Result<void> read_exec(const TomlReader& r, const toml::node& exec, const std::string& key, ActionSpec& a) {
    if (!exec.is_string()) {
        auto argv = r.strings(exec, key);
        if (!argv) return argv.error();
        a.argv = *argv;
        return {};
    }
    const std::string line = *exec.value<std::string>();  // split() returns views into it
    for (auto word : split(line, ' ')) {
        if (!trim(word).empty()) a.argv.emplace_back(trim(word));
    }
    if (a.argv.empty()) return r.error(exec.source(), key, "must not be empty");
    return {};
}

}  // namespace

Result<ActionSpec> read_action(const TomlReader& r, const toml::table& t, const std::string& prefix) {
    if (auto ok = r.known_keys(t, prefix, {"on", "exec", "cap", "shield", "timeout", "tenants"}); !ok)
        return ok.error();
    ActionSpec a;
    a.line = static_cast<int>(t.source().begin.line);
    if (auto ok = read_on(r, t, prefix, a); !ok) return ok.error();

    const auto* exec = t.get("exec");
    const auto* cap = t.get("cap");
    const auto* shield = t.get("shield");
    if ((exec != nullptr) + (cap != nullptr) + (shield != nullptr) > 1) {
        const auto* second = shield ? shield : cap;
        return r.error(second->source(), prefix + (shield ? "shield" : "cap"),
                       "an action has exactly one of exec, cap or shield", "write a second [[action]] for the other");
    }
    if (!exec && !cap && !shield) {
        return r.error(t.source(), prefix + "exec",
                       "missing: an action runs a program (exec) or a built-in one (cap, shield)",
                       "e.g. exec = \"/usr/local/sbin/notify\", cap = 200 (connections per source) or shield = true");
    }
    if (exec) {
        if (auto ok = read_exec(r, *exec, prefix + "exec", a); !ok) return ok.error();
    } else if (cap) {
        auto v = r.count(*cap, prefix + "cap", 1, 1000000);
        if (!v) return v.error();
        a.cap = static_cast<uint32_t>(*v);
    } else {
        auto on = r.boolean(*shield, prefix + "shield");
        if (!on) return on.error();
        if (!*on) return r.error(shield->source(), prefix + "shield", "must be true", "leave the action out to turn it off");
        a.shield = true;
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

}  // namespace ctguard
