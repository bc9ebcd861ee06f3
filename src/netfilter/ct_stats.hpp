#pragma once
// Table figures over ctnetlink: count and max (IPCTNL_MSG_CT_GET_STATS) and the per-CPU counters
// (IPCTNL_MSG_CT_GET_STATS_CPU), which work even on kernels built without CONFIG_NF_CONNTRACK_PROCFS.
#include <cstdint>

#include "lib/netlink_socket.hpp"
#include "model/table_stats.hpp"

namespace ctguard {

struct CountMax {
    uint64_t count = 0, max = 0;
};

Result<CountMax> netlink_count_max(NetlinkSocket& sock);
Result<CpuStats> netlink_cpu_stats(NetlinkSocket& sock);

}  // namespace ctguard
