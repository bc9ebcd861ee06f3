#include "netfilter/netlink_batch.hpp"

#include <sys/socket.h>

#include <cerrno>

namespace ctguard {

namespace {
// Below the default socket send buffer (net.core.wmem_default, 208 KiB): larger sends fail EMSGSIZE.
constexpr size_t kBatchBytes = 128 * 1024;
}  // namespace

NetlinkBatch::NetlinkBatch(NetlinkSocket& sock) : sock_(sock), buf_(kBatchBytes) {
    // Error answers then carry only the header of the refused request, not all of it.
    int one = 1;
    setsockopt(sock_.fd(), SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof one);
    // Room for a whole batch of refusals without losing any (ENOBUFS).
    sock_.set_receive_buffer(8 << 20);
}

void NetlinkBatch::close_last() {
    if (last_ != nullptr) used_ += NLMSG_ALIGN(last_->nlmsg_len);
    last_ = nullptr;
}

nlmsghdr* NetlinkBatch::add(uint16_t subsys_msg, uint16_t flags, uint8_t family) {
    close_last();
    last_ = put_nfnl_header(buf_.data() + used_, subsys_msg, flags, family, ++seq_);
    ++count_;
    return last_;
}

Result<void> NetlinkBatch::send(BatchResult& result, const char* what) {
    if (last_ == nullptr) return {};
    last_->nlmsg_flags |= NLM_F_ACK;
    const uint32_t last_seq = last_->nlmsg_seq;
    close_last();
    auto sent = sock_.send(buf_.data(), used_, what);
    const uint64_t count = count_;
    used_ = 0;
    count_ = 0;
    if (!sent) return sent;
    result.sent += count;
    while (true) {
        ssize_t n = sock_.receive();
        if (n < 0) {
            if (errno == EINTR) continue;
            return Error::from_errno(what, errno);
        }
        bool done = false;
        for_each_message(sock_.buffer(), static_cast<size_t>(n), [&](const nlmsghdr* nlh) {
            if (nlh->nlmsg_type != NLMSG_ERROR || nlh->nlmsg_len < NLMSG_LENGTH(sizeof(nlmsgerr))) return true;
            const auto* err = static_cast<const nlmsgerr*>(NLMSG_DATA(nlh));
            if (err->error != 0) ++result.refused[-err->error];
            if (nlh->nlmsg_seq == last_seq) done = true;
            return true;
        });
        if (done) return {};
    }
}

}  // namespace ctguard
