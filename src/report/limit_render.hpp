#pragma once
// `ctguard limit`, `limit set` and `limit timeouts`: text and JSON.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "model/limit_report.hpp"

namespace ctguard {

nlohmann::json limit_json(const LimitReport& r);
std::string limit_text(const LimitReport& r);

nlohmann::json apply_json(const ApplyReport& r);
// With --dry-run, the diff of every file that would change.
std::string apply_text(const ApplyReport& r);

nlohmann::json timeouts_json(const std::vector<TimeoutRow>& rows,
                             const std::vector<SysctlConflict>& conflicts);
std::string timeouts_text(const std::vector<TimeoutRow>& rows, const std::vector<SysctlConflict>& conflicts);

// 69206016 -> "66.0 MiB"
std::string human_bytes(uint64_t bytes);

}  // namespace ctguard
