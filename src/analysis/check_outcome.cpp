#include "analysis/check_outcome.hpp"

#include <algorithm>

#include "analysis/remediation.hpp"

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

int check_exit_code(const CheckReport& r) {
    int code = r.status.level == Level::ok ? 0 : r.status.level == Level::elevated ? 1 : 2;
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
