#include "kernel/ct_dump.hpp"

#include <linux/netfilter/nfnetlink.h>
#include <linux/netfilter/nfnetlink_conntrack.h>

#include "kernel/ct_message.hpp"

namespace ctguard {

Result<DumpSummary> dump_conntrack(NetlinkSocket& sock, uint8_t family, FlowSink& sink) {
    constexpr uint16_t kCtNew = (NFNL_SUBSYS_CTNETLINK << 8) | IPCTNL_MSG_CT_NEW;
    DumpSummary summary;
    Flow flow;  // reused for every entry: the hot path allocates nothing
    nlmsghdr* req = sock.begin_request((NFNL_SUBSYS_CTNETLINK << 8) | IPCTNL_MSG_CT_GET, NLM_F_DUMP, family);
    auto r = sock.transact(
        req,
        [&](const nlmsghdr* nlh) {
            if (nlh->nlmsg_type != kCtNew) return true;
            if (parse_ct_message(nlh, flow)) {
                sink.on_flow(flow);
                ++summary.entries;
            } else {
                ++summary.malformed;
            }
            return true;
        },
        "conntrack dump");
    if (!r) return r.error();
    return summary;
}

}  // namespace ctguard
