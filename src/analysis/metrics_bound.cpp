#include "analysis/metrics_bound.hpp"

#include <algorithm>

namespace ctguard {

void bound_found_tenants(std::vector<TenantState>& tenants, size_t keep) {
    const auto found_total = static_cast<size_t>(
        std::count_if(tenants.begin(), tenants.end(), [](const TenantState& t) { return t.found; }));
    if (found_total <= keep) return;
    // Listed tenants first, then found ones fullest first; those past `keep` are folded.
    std::stable_sort(tenants.begin(), tenants.end(), [](const TenantState& a, const TenantState& b) {
        if (a.found != b.found) return !a.found;
        return a.found && a.count > b.count;
    });
    const auto first_folded = tenants.end() - static_cast<std::ptrdiff_t>(found_total - keep);
    TenantState other;
    other.name = kOtherTenants;
    other.found = true;
    for (auto it = first_folded; it != tenants.end(); ++it) {
        other.count += it->count;
        other.max = std::max(other.max, it->max);
        other.level = std::max(other.level, it->level);
        other.up = other.up && it->up;
        other.growth_per_second += it->growth_per_second;
    }
    other.thresholds = first_folded->thresholds;
    tenants.erase(first_folded, tenants.end());
    tenants.push_back(std::move(other));
}

}  // namespace ctguard
