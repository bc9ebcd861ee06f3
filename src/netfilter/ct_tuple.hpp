#pragma once
// Encoding a conntrack tuple into a ctnetlink request: the inverse of the tuple parsing in ct_message.
#include <linux/netlink.h>

#include <cstdint>

#include "model/flow.hpp"

namespace ctguard {

// CTA_TUPLE_ORIG or CTA_TUPLE_REPLY: { CTA_TUPLE_IP { src, dst }, CTA_TUPLE_PROTO { num, ports | icmp } }
void put_ct_tuple(nlmsghdr* nlh, uint16_t type, uint8_t proto, const Tuple& t);

}  // namespace ctguard
