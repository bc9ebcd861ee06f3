#include "lib/netlink_socket.hpp"

#include <libmnl/libmnl.h>
#include <linux/netfilter/nfnetlink.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstring>

namespace ctguard {

void NetlinkSocket::Closer::operator()(mnl_socket* s) const {
    mnl_socket_close(s);
}

Result<NetlinkSocket> NetlinkSocket::open(unsigned groups, int bus) {
    NetlinkSocket s;
    s.sock_.reset(mnl_socket_open2(bus, SOCK_CLOEXEC));
    if (!s.sock_) {
        return Error::from_errno(
            "netlink socket", errno,
            bus == NETLINK_NETFILTER ? "the kernel lacks nfnetlink (CONFIG_NETFILTER_NETLINK)" : "");
    }
    if (mnl_socket_bind(s.sock_.get(), groups, MNL_SOCKET_AUTOPID) < 0) {
        return Error::from_errno("netlink bind", errno);
    }
    s.buf_.reset(new char[kDatagramSize]);
    return s;
}

int NetlinkSocket::fd() const {
    return mnl_socket_get_fd(sock_.get());
}
uint32_t NetlinkSocket::portid() const {
    return mnl_socket_get_portid(sock_.get());
}

void NetlinkSocket::set_receive_buffer(int bytes) {
    if (setsockopt(fd(), SOL_SOCKET, SO_RCVBUFFORCE, &bytes, sizeof bytes) != 0) {
        setsockopt(fd(), SOL_SOCKET, SO_RCVBUF, &bytes, sizeof bytes);
    }
}

nlmsghdr* put_nfnl_header(void* buf, uint16_t subsys_msg, uint16_t flags, uint8_t family, uint32_t seq) {
    nlmsghdr* nlh = mnl_nlmsg_put_header(buf);
    nlh->nlmsg_type = subsys_msg;
    nlh->nlmsg_flags = NLM_F_REQUEST | flags;
    nlh->nlmsg_seq = seq;
    auto* nfg = static_cast<nfgenmsg*>(mnl_nlmsg_put_extra_header(nlh, sizeof(nfgenmsg)));
    nfg->nfgen_family = family;
    nfg->version = NFNETLINK_V0;
    nfg->res_id = 0;
    return nlh;
}

nlmsghdr* NetlinkSocket::begin_request(uint16_t subsys_msg, uint16_t flags, uint8_t family) {
    return put_nfnl_header(buf_.get(), subsys_msg, flags, family, ++seq_);
}

Result<void> NetlinkSocket::send(const void* data, size_t len, const char* what) {
    if (mnl_socket_sendto(sock_.get(), data, len) < 0) return Error::from_errno(what, errno);
    return {};
}

ssize_t NetlinkSocket::receive() {
    return mnl_socket_recvfrom(sock_.get(), buf_.get(), kDatagramSize);
}

ssize_t NetlinkSocket::receive_into(char* buf) {
    return mnl_socket_recvfrom(sock_.get(), buf, kDatagramSize);
}

Result<void> NetlinkSocket::transact(nlmsghdr* request, const std::function<bool(const nlmsghdr*)>& on_msg,
                                     const char* what) {
    const uint32_t seq = request->nlmsg_seq;
    if (auto r = send(request, request->nlmsg_len, what); !r) return r;

    struct Ctx {
        const std::function<bool(const nlmsghdr*)>* fn;
    } ctx{&on_msg};
    auto cb = [](const nlmsghdr* nlh, void* data) -> int {
        auto* c = static_cast<Ctx*>(data);
        return (*c->fn)(nlh) ? MNL_CB_OK : MNL_CB_STOP;
    };
    while (true) {
        ssize_t n = receive();
        if (n < 0) {
            if (errno == EINTR) continue;
            return Error::from_errno(what, errno);
        }
        int ret = mnl_cb_run(buf_.get(), static_cast<size_t>(n), seq, portid(), cb, &ctx);
        if (ret == MNL_CB_STOP) return {};
        if (ret < 0) return Error::from_errno(what, errno);
    }
}

}  // namespace ctguard
