#pragma once
// Judging nf_conntrack_max and its neighbours: what the boot applies, what is wrong, what to do.
#include <optional>
#include <vector>

#include "model/limit_report.hpp"
#include "model/sysctl_conf.hpp"

namespace ctguard {

std::optional<PersistedValue> persisted_value(const SysctlConfig& config, const SysctlKey& key,
                                              SysctlReader reader);

// Problems that are not one line of one file: a max below the current count, a persisted value that
// the boot loses because nf_conntrack is loaded too late. Reads the report's figures.
std::vector<SysctlConflict> runtime_conflicts(const LimitReport& r);

// Numbered-list material: each item says what and why, and the command that does it.
std::vector<std::string> limit_recommendations(const LimitReport& r);

// The hashsize we suggest for a max: one bucket per entry at a full table, the kernel's own default.
uint64_t recommended_hashsize(uint64_t max);

}  // namespace ctguard
