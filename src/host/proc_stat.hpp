#pragma once
// /proc/net/stat/nf_conntrack: per-CPU counters, the fallback for IPCTNL_MSG_CT_GET_STATS_CPU.
#include <string>
#include <string_view>

#include "lib/result.hpp"
#include "model/table_stats.hpp"

namespace ctguard {

// Parses the whole file text; sums the rows (one per CPU).
Result<CpuStats> parse_proc_stat(std::string_view text);
Result<CpuStats> read_proc_stat(const std::string& path);

}  // namespace ctguard
