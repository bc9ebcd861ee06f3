#pragma once
// Everything `limit` shows about nf_conntrack_max: the live figures (from the caller's table
// statistics), what the boot will apply, conflicts and advice. `limit` and `check` share it.
#include "lib/result.hpp"
#include "lib/root_dir.hpp"
#include "model/limit_report.hpp"
#include "model/table_stats.hpp"

namespace ctguard {

Result<LimitReport> collect_limit(const RootDir& root, const TableStats& stats, const Thresholds& t);

}  // namespace ctguard
