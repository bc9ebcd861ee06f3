#pragma once
// Decoding of one ctnetlink conntrack message (dump answer or event) into a Flow.
#include <linux/netlink.h>

#include "model/flow_sink.hpp"

namespace ctguard {

// Fills `out` from a IPCTNL_MSG_CT_NEW/DELETE message: the original tuple, the scalar fields and the
// FlowParts in `parts`. Returns false when the message is malformed or lacks an original tuple;
// `out` is then unspecified. Never allocates.
bool parse_ct_message(const nlmsghdr* nlh, Flow& out, uint32_t parts = kFlowAll);

}  // namespace ctguard
