#pragma once
// Keeps /metrics bounded when globs or discovery find thousands of namespaces: every listed tenant
// keeps its series, found ones only the fullest `keep`; the rest are summed into one tenant
// "(other)" (their count, the worst level, up only if all are), so totals stay right. Pure.
#include <cstddef>
#include <vector>

#include "model/fleet.hpp"

namespace ctguard {

inline constexpr const char* kOtherTenants = "(other)";

void bound_found_tenants(std::vector<TenantState>& tenants, size_t keep);

}  // namespace ctguard
