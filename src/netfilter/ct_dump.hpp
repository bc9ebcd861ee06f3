#pragma once
// Full-table dump over ctnetlink (IPCTNL_MSG_CT_GET with NLM_F_DUMP), streamed into a FlowSink.
#include <cstdint>

#include "lib/netlink_socket.hpp"
#include "model/flow_sink.hpp"

namespace ctguard {

struct DumpSummary {
    uint64_t entries = 0;    // delivered to the sink
    uint64_t malformed = 0;  // messages that failed validation (skipped, warned about by the caller)
};

// family: AF_UNSPEC for both, AF_INET or AF_INET6 to let the kernel skip the other.
Result<DumpSummary> dump_conntrack(NetlinkSocket& sock, uint8_t family, FlowSink& sink);

}  // namespace ctguard
