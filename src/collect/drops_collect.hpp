#pragma once
// Why packets drop, as `status` and `check` show it: the per-CPU counters from `before` to `after`
// (totals since boot without `before`), the kernel log's conntrack lines (when the table dropped
// packets since boot: analysis/drops log_can_explain), and whether this is a guest.
#include <optional>

#include "lib/root_dir.hpp"
#include "model/drops.hpp"
#include "model/table_stats.hpp"

namespace ctguard {

DropReport collect_drops(const RootDir& root, const std::optional<CpuStats>& before, const CpuStats& after,
                         double interval);

// The part that does not depend on the counters: the log's conntrack lines since boot (when
// `with_log`), the uptime, the hypervisor. The daemon reads it once and then follows the log.
DropReport read_drop_facts(const RootDir& root, bool with_log = true);

}  // namespace ctguard
