#include "host/sock_diag.hpp"

#include <libmnl/libmnl.h>
#include <linux/inet_diag.h>
#include <linux/sock_diag.h>
#include <netinet/in.h>

#include <cstring>

#include "lib/netlink_socket.hpp"

namespace ctguard {

namespace {

IpAddr diag_addr(uint8_t family, const __be32 words[4]) {
    IpAddr a;
    a.family = family;
    std::memcpy(a.bytes.data(), words, family == AF_INET6 ? 16 : 4);
    return unmap_v4(a);
}

Result<void> dump_one(NetlinkSocket& sock, uint8_t family, uint8_t proto, std::vector<SocketEntry>& out) {
    alignas(nlmsghdr) char buf[NLMSG_SPACE(sizeof(inet_diag_req_v2))] = {};
    nlmsghdr* nlh = mnl_nlmsg_put_header(buf);
    nlh->nlmsg_type = SOCK_DIAG_BY_FAMILY;
    nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
    nlh->nlmsg_seq = static_cast<uint32_t>(family) << 8 | proto;
    auto* req = static_cast<inet_diag_req_v2*>(mnl_nlmsg_put_extra_header(nlh, sizeof(inet_diag_req_v2)));
    req->sdiag_family = family;
    req->sdiag_protocol = proto;
    req->idiag_states = ~0u;  // every state, listeners and TIME_WAIT included

    return sock.transact(
        nlh,
        [&](const nlmsghdr* m) {
            if (m->nlmsg_type != SOCK_DIAG_BY_FAMILY ||
                mnl_nlmsg_get_payload_len(m) < sizeof(inet_diag_msg)) {
                return true;  // not ours or truncated: skip it, keep reading
            }
            const auto* d = static_cast<const inet_diag_msg*>(mnl_nlmsg_get_payload(m));
            if (d->idiag_inode == 0) return true;
            SocketEntry s;
            s.proto = proto;
            s.local = diag_addr(d->idiag_family, d->id.idiag_src);
            s.remote = diag_addr(d->idiag_family, d->id.idiag_dst);
            s.local_port = ntohs(d->id.idiag_sport);
            s.remote_port = ntohs(d->id.idiag_dport);
            s.state = d->idiag_state;
            s.inode = d->idiag_inode;
            out.push_back(s);
            return true;
        },
        "sock_diag dump");
}

}  // namespace

Result<std::vector<SocketEntry>> dump_inet_sockets() {
    auto sock = NetlinkSocket::open(0, NETLINK_SOCK_DIAG);
    if (!sock) return sock.error();
    std::vector<SocketEntry> out;
    for (uint8_t family : {AF_INET, AF_INET6}) {
        for (uint8_t proto : {IPPROTO_TCP, IPPROTO_UDP}) {
            auto r = dump_one(*sock, family, proto, out);
            // A kernel without IPv6 refuses the AF_INET6 dumps; that only means no IPv6 sockets.
            if (!r && !(family == AF_INET6 && r.error().code == Exit::unavailable)) return r.error();
        }
    }
    return out;
}

}  // namespace ctguard
