#include "netfilter/ct_delete.hpp"

#include <libmnl/libmnl.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netfilter/nfnetlink_conntrack.h>
#include <netinet/in.h>

#include <cerrno>

#include "netfilter/ct_tuple.hpp"
#include "netfilter/netlink_batch.hpp"

namespace ctguard {

Result<DeleteSummary> delete_conntrack(NetlinkSocket& sock, const std::vector<CtEntryKey>& keys) {
    NetlinkBatch batch(sock);
    BatchResult result;
    for (const auto& k : keys) {
        if (batch.full()) {
            if (auto r = batch.send(result, "conntrack delete"); !r) return r.error();
        }
        nlmsghdr* nlh = batch.add((NFNL_SUBSYS_CTNETLINK << 8) | IPCTNL_MSG_CT_DELETE, 0, k.family);
        put_ct_tuple(nlh, CTA_TUPLE_ORIG, k.proto, k.orig);
        if (k.zone != 0) mnl_attr_put_u16(nlh, CTA_ZONE, htons(k.zone));
        if (k.id != 0) mnl_attr_put_u32(nlh, CTA_ID, htonl(k.id));  // ids come from ctnetlink dumps
    }
    if (auto r = batch.send(result, "conntrack delete"); !r) return r.error();

    DeleteSummary s;
    for (const auto& [err, count] : result.refused) {
        if (err == ENOENT) {
            s.gone += count;
            continue;
        }
        if (err == EPERM || err == EACCES) {
            return Error::from_errno("conntrack delete", err, "deleting entries needs root (CAP_NET_ADMIN)");
        }
        s.failed += count;
        if (s.first_errno == 0) s.first_errno = err;
    }
    s.deleted = result.sent - result.refused_total();
    return s;
}

}  // namespace ctguard
