#include "analysis/reload_plan.hpp"

#include <algorithm>

namespace ctguard {

namespace {

// The new definition a running tenant is kept under, or nullptr.
const TenantSpec* kept_as(const RunningTenant& t, const std::vector<TenantSpec>& next) {
    const bool listed = std::any_of(next.begin(), next.end(), [&](const TenantSpec& s) {
        return !s.is_finder() && s.name == t.name;
    });
    for (const auto& s : next) {
        if (t.glob.empty()) {
            if (!s.is_finder() && s.name == t.name && s.same_source(t.spec)) return &s;
        } else if (s.is_finder() && s.finder() == t.glob) {
            // A namespace a glob or discovery found that is now listed by name belongs to the listed tenant.
            return listed ? nullptr : &s;
        }
    }
    return nullptr;
}

}  // namespace

ReloadPlan plan_reload(const std::vector<RunningTenant>& running, const DaemonConfig& current,
                       const DaemonConfig& next) {
    ReloadPlan plan;
    for (const auto& t : running) {
        const TenantSpec* spec = kept_as(t, next.tenants);
        if (!spec) {
            plan.removed.push_back(t.name);
        } else if (spec->thresholds != t.spec.thresholds || spec->recover_after != t.spec.recover_after) {
            plan.retuned.push_back(Retune{t.name, spec->thresholds, spec->recover_after});
        }
    }
    plan.reopen_history = next.db != current.db || next.retention != current.retention;
    plan.listen_changed = next.listen != current.listen;
    return plan;
}

}  // namespace ctguard
