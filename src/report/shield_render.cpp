#include "report/shield_render.hpp"

#include <fmt/format.h>

#include "lib/text.hpp"
#include "report/limit_render.hpp"
#include "report/text_table.hpp"

namespace ctguard {

namespace {

std::string headline(const ShieldReport& r) {
    const std::string table = "table inet " + std::string(kShieldTable);
    const bool dry = r.apply.dry_run;
    if (r.action == "remove") {
        if (!r.installed && r.apply.live.empty()) return "shield: " + table + " is not loaded: nothing to remove";
        return std::string(dry ? "shield: would remove " : "shield: removed ") + table +
               " and put the namespace's sysctls back";
    }
    if (r.action == "plan") {
        return r.changed ? "shield: the plan for this namespace (nothing is changed; --apply loads it)"
                         : "shield: already loaded as planned (--apply would change nothing)";
    }
    if (!r.changed) return "shield: already loaded as planned: unchanged";
    return std::string(dry ? "shield: would load " : "shield: loaded ") + table;
}

}  // namespace

nlohmann::json shield_json(const ShieldReport& r) {
    auto measures = nlohmann::json::array();
    for (const auto& m : r.plan.measures) {
        measures.push_back({{"name", m.name}, {"chosen", m.chosen}, {"ports", m.ports}, {"why", m.why}});
    }
    auto sysctls = nlohmann::json::array();
    for (const auto& c : r.plan.sysctls) {
        sysctls.push_back({{"key", c.key}, {"before", c.before}, {"after", c.after}, {"why", c.why}});
    }
    auto j = apply_json(r.apply);
    j["action"] = r.action;
    j["table"] = "inet " + std::string(kShieldTable);
    j["installed"] = r.installed;
    j["changed"] = r.changed;
    j["measures"] = measures;
    j["sysctls"] = sysctls;
    j["ruleset"] = r.ruleset;
    j["diff"] = r.diff;
    j["notes"] = r.apply.notes;
    for (const auto& n : r.plan.notes) j["notes"].push_back(n);
    return j;
}

std::string shield_text(const ShieldReport& r, size_t width) {
    std::string out = headline(r) + "\n";
    if (!r.plan.measures.empty()) {
        out += "\nmeasures\n";
        for (const auto& m : r.plan.measures) {
            out += word_wrap(m.why, fmt::format("  {:<10} {:<4} ", m.name, m.chosen ? "yes" : "no"),
                             std::string(18, ' '), width);
        }
    }
    if (!r.plan.sysctls.empty() && r.action != "remove") {
        out += "\nsysctls of this namespace (--remove puts them back)\n";
        for (const auto& c : r.plan.sysctls) {
            out += word_wrap(fmt::format("{} {} -> {}: {}", c.key, c.before, c.after, c.why), "  ", "    ", width);
        }
    }
    for (const auto& n : r.plan.notes) out += word_wrap(n, "note: ", "      ", width);
    if (!r.diff.empty()) out += "\n" + r.diff;
    const std::string rest = apply_text(r.apply);
    if (!rest.empty()) out += "\n" + rest;
    return out;
}

std::string shield_summary(const ShieldPlan& plan) {
    std::vector<std::string> parts;
    for (const auto& m : plan.measures) {
        if (!m.chosen) continue;
        if (m.ports.empty()) {
            parts.push_back(m.name);
            continue;
        }
        const char* proto = m.name == "notrack" ? "udp" : "tcp";
        parts.push_back(fmt::format("{} on {} {}", m.name, proto, fmt::join(m.ports, ", ")));
    }
    return fmt::format("{}", fmt::join(parts, "; "));
}

}  // namespace ctguard
