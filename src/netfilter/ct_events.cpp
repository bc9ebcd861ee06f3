#include "netfilter/ct_events.hpp"

#include <fcntl.h>
#include <sys/socket.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netfilter/nfnetlink_compat.h>
#include <linux/netfilter/nfnetlink_conntrack.h>

#include <array>
#include <cerrno>

#include "netfilter/ct_message.hpp"

namespace ctguard {

Result<EventListener> EventListener::open(int queue_bytes, bool updates) {
    auto sock = NetlinkSocket::open(NF_NETLINK_CONNTRACK_NEW | NF_NETLINK_CONNTRACK_DESTROY |
                                    (updates ? NF_NETLINK_CONNTRACK_UPDATE : 0u));
    if (!sock) return sock.error();
    sock->set_receive_buffer(queue_bytes);
    int flags = fcntl(sock->fd(), F_GETFL);
    if (flags < 0 || fcntl(sock->fd(), F_SETFL, flags | O_NONBLOCK) < 0) {
        return Error::from_errno("event socket", errno);
    }
    return EventListener(std::move(*sock));
}

Result<EventBatch> EventListener::drain(EventSink& sink, uint64_t limit) {
    EventBatch batch;
    Flow flow;
    auto on_message = [&](const nlmsghdr* nlh) {
        const uint16_t subsys = NFNL_SUBSYS_ID(nlh->nlmsg_type);
        const uint16_t msg = NFNL_MSG_TYPE(nlh->nlmsg_type);
        if (subsys == NFNL_SUBSYS_CTNETLINK && (msg == IPCTNL_MSG_CT_NEW || msg == IPCTNL_MSG_CT_DELETE)) {
            if (parse_ct_message(nlh, flow)) {
                const CtEventType type = msg == IPCTNL_MSG_CT_DELETE      ? CtEventType::destroyed
                                         : nlh->nlmsg_flags & NLM_F_CREATE ? CtEventType::created
                                                                           : CtEventType::updated;
                sink.on_event(type, flow);
                ++batch.events;
            } else {
                ++batch.malformed;
            }
        }
        return true;
    };
    std::array<mmsghdr, kBatch> msgs;
    std::array<iovec, kBatch> iov;
    std::array<sockaddr_nl, kBatch> from;
    while (batch.events + batch.malformed < limit) {
        for (size_t i = 0; i < kBatch; ++i) {
            iov[i] = {slots_.get() + i * kSlot, kSlot};
            msgs[i] = {};
            msgs[i].msg_hdr.msg_name = &from[i];
            msgs[i].msg_hdr.msg_namelen = sizeof from[i];
            msgs[i].msg_hdr.msg_iov = &iov[i];
            msgs[i].msg_hdr.msg_iovlen = 1;
        }
        const int n = ::recvmmsg(sock_.fd(), msgs.data(), kBatch, MSG_DONTWAIT, nullptr);
        if (n < 0) {
            if (errno == EINTR) continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK) return batch;
            if (errno == ENOBUFS) {
                batch.overrun = true;
                continue;  // the queue was reset by the kernel; keep reading what follows
            }
            return Error::from_errno("conntrack events", errno);
        }
        for (int i = 0; i < n; ++i) {
            const msghdr& h = msgs[i].msg_hdr;
            // Only the kernel (port 0) speaks for the multicast groups; a cut datagram is not parsed.
            if ((h.msg_flags & MSG_TRUNC) || h.msg_namelen != sizeof(sockaddr_nl) || from[i].nl_pid != 0) {
                ++batch.malformed;
                continue;
            }
            for_each_message(slots_.get() + static_cast<size_t>(i) * kSlot, msgs[i].msg_len, on_message);
        }
        if (static_cast<size_t>(n) < kBatch) return batch;  // the queue is empty: no call to hear EAGAIN
    }
    return batch;
}

}  // namespace ctguard
