#include "analysis/check_outcome.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "analysis/remediation.hpp"
#include "lib/result.hpp"
#include "lib/text.hpp"

namespace ctguard {

std::vector<size_t> notable_processes(const ProcsReport& p, bool suspicious) {
    std::vector<size_t> out;
    for (size_t i = 0; i < p.processes.size(); ++i) {
        const ProcessReport& proc = p.processes[i];
        bool pick = suspicious ? active_suspect(proc) || (proc.suspicious && !proc.group.empty())
                               : !proc.suspicious && proc.flows.flows > 0;
        if (pick) out.push_back(i);
    }
    std::stable_sort(out.begin(), out.end(), [&](size_t a, size_t b) {
        return p.processes[a].flows.flows > p.processes[b].flows.flows;
    });
    if (!suspicious && out.size() > 5) out.resize(5);
    return out;
}

Level worst_level(const CheckReport& r) {
    Level worst = r.status.level;
    for (const auto& ns : r.namespaces) worst = std::max(worst, ns.level);
    return worst;
}

std::vector<std::string> namespace_reasons(const std::vector<NamespaceTable>& namespaces) {
    std::vector<std::string> out;
    for (const auto& ns : namespaces) {
        if (!ns.stats || ns.level == Level::ok) continue;
        out.push_back(fmt::format("namespace {} ({}{}) holds {} entries: {}", ns.ns.name, ns.ns.kind,
                                  ns.ns.container.empty() || ns.ns.name.ends_with(ns.ns.container) ? "" : " " + ns.ns.container,
                                  with_thousands(ns.stats->count), level_name(ns.level)));
    }
    return out;
}

int check_exit_code(const CheckReport& r) {
    if (r.table_unknown) return static_cast<int>(Exit::unavailable);
    int code = r.level == Level::ok ? 0 : r.level == Level::elevated ? 1 : 2;
    if (r.fail_on) {
        const bool danger = r.verdict.kind == VerdictKind::attack || r.verdict.kind == VerdictKind::compromise;
        if (danger) return 2;
        return r.level >= *r.fail_on ? code : 0;
    }
    switch (r.verdict.kind) {
        case VerdictKind::attack:
        case VerdictKind::compromise:
            return 2;
        case VerdictKind::misconfigured:
            return std::max(code, 1);
        case VerdictKind::normal:
            return code;
    }
    return code;
}

}  // namespace ctguard
