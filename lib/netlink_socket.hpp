#pragma once
// A netlink socket (libmnl) and the request/response loop every ctnetlink query uses.
#include <endian.h>
#include <linux/netlink.h>

#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>

#include "lib/result.hpp"

struct mnl_socket;

namespace ctguard {

class NetlinkSocket {
  public:
    // Opens and binds a netlink socket of `bus` (NETLINK_NETFILTER unless told), subscribed to
    // `groups` (a bit mask, 0 for none).
    static Result<NetlinkSocket> open(unsigned groups = 0, int bus = NETLINK_NETFILTER);

    int fd() const;
    uint32_t portid() const;
    // Asks for a larger receive queue; SO_RCVBUFFORCE (root) first, SO_RCVBUF as fallback.
    void set_receive_buffer(int bytes);

    // Builds a ctnetlink request header in the socket's buffer and returns it for attributes.
    nlmsghdr* begin_request(uint16_t subsys_msg, uint16_t flags, uint8_t family);
    // Sends the request built with begin_request and runs `on_msg` for each answer until the kernel
    // says it is done. `on_msg` returns false to stop early. Errors from the kernel become Error.
    Result<void> transact(nlmsghdr* request, const std::function<bool(const nlmsghdr*)>& on_msg,
                          const char* what);

    // Raw send for batches (fixture and flush): the caller manages acks.
    Result<void> send(const void* data, size_t len, const char* what);
    // Receives one datagram into the socket's buffer; returns the size or -1 with errno.
    ssize_t receive();
    // The same into a caller's buffer of at least kDatagramSize bytes (pipelined dumps).
    ssize_t receive_into(char* buf);
    // The kernel sizes dump datagrams by the largest recvmsg() it has seen, up to 32 KiB; twice that
    // leaves room so a datagram is never truncated (which libmnl reports as ENOSPC).
    static constexpr size_t kDatagramSize = 64 * 1024;
    const char* buffer() const { return buf_.get(); }

  private:
    struct Closer {
        void operator()(mnl_socket* s) const;
    };
    std::unique_ptr<mnl_socket, Closer> sock_;
    // Not zeroed: every start-up of a command opens one, and zeroing 64 KiB touches 16 pages that a
    // count request never uses (a page fault is tens of microseconds on a VM).
    std::unique_ptr<char[]> buf_;
    uint32_t seq_ = 0;
};

// Writes a netfilter request header (nlmsghdr + nfgenmsg) at `buf`; attributes follow with mnl_attr_put*.
nlmsghdr* put_nfnl_header(void* buf, uint16_t subsys_msg, uint16_t flags, uint8_t family, uint32_t seq);

// Runs `on_msg` for each message of one received datagram, in order, until it returns false. A message
// whose length is impossible (shorter than its header, longer than what is left) ends the walk. A
// remainder shorter than the last message's padding ends it too: NLMSG_NEXT on an unsigned length
// wraps there, and NLMSG_OK then lets the walk read past the datagram (docs/fuzzing.md).
template <class OnMessage>
void for_each_message(const void* datagram, size_t size, OnMessage&& on_msg) {
    const char* p = static_cast<const char*>(datagram);
    size_t rem = size;
    while (rem >= sizeof(nlmsghdr)) {
        const auto* nlh = reinterpret_cast<const nlmsghdr*>(p);
        if (nlh->nlmsg_len < sizeof(nlmsghdr) || nlh->nlmsg_len > rem) return;
        if (!on_msg(nlh)) return;
        const size_t step = NLMSG_ALIGN(nlh->nlmsg_len);
        if (step >= rem) return;
        p += step;
        rem -= step;
    }
}

// Netlink attribute access (no copies, no allocation): index a block of attributes into tb[]
// after checking that each one's payload has the size its type needs. Unknown types are skipped,
// so newer kernels with more attributes still parse. Returns false if the block is malformed.
// Inline: parsing a full table calls these ten times per entry, with constant tables the compiler
// can then fold in.
inline bool index_attributes(const void* start, size_t len, const nlattr** tb, uint16_t max_type,
                             const uint8_t* min_payload) {
    std::memset(static_cast<void*>(tb), 0, sizeof(nlattr*) * (max_type + 1u));
    const char* p = static_cast<const char*>(start);
    size_t rem = len;
    while (rem >= sizeof(nlattr)) {
        const auto* a = reinterpret_cast<const nlattr*>(p);
        if (a->nla_len < sizeof(nlattr) || a->nla_len > rem) return false;
        const uint16_t type = a->nla_type & NLA_TYPE_MASK;
        if (type <= max_type && static_cast<size_t>(a->nla_len - NLA_HDRLEN) >= min_payload[type])
            tb[type] = a;
        const size_t step = NLA_ALIGN(a->nla_len);
        if (step >= rem) return true;
        p += step;
        rem -= step;
    }
    return rem == 0;
}

inline bool index_nested(const nlattr* nest, const nlattr** tb, uint16_t max_type,
                         const uint8_t* min_payload) {
    return index_attributes(reinterpret_cast<const char*>(nest) + NLA_HDRLEN, nest->nla_len - NLA_HDRLEN, tb,
                            max_type, min_payload);
}

// Payload readers for attributes already size-checked by index_attributes (inline: hot path).
inline const void* attr_payload(const nlattr* a) {
    return reinterpret_cast<const char*>(a) + NLA_HDRLEN;
}
inline uint8_t attr_u8(const nlattr* a) {
    return *static_cast<const uint8_t*>(attr_payload(a));
}
inline uint16_t attr_be16(const nlattr* a) {
    uint16_t v;
    std::memcpy(&v, attr_payload(a), sizeof v);
    return be16toh(v);
}
inline uint32_t attr_be32(const nlattr* a) {
    uint32_t v;
    std::memcpy(&v, attr_payload(a), sizeof v);
    return be32toh(v);
}
inline uint64_t attr_be64(const nlattr* a) {
    uint64_t v;
    std::memcpy(&v, attr_payload(a), sizeof v);
    return be64toh(v);
}

}  // namespace ctguard
