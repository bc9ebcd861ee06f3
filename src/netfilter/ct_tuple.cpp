#include "netfilter/ct_tuple.hpp"

#include <libmnl/libmnl.h>
#include <linux/netfilter/nfnetlink_conntrack.h>
#include <netinet/in.h>

namespace ctguard {

void put_ct_tuple(nlmsghdr* nlh, uint16_t type, uint8_t proto, const Tuple& t) {
    nlattr* tuple = mnl_attr_nest_start(nlh, type);
    nlattr* ip = mnl_attr_nest_start(nlh, CTA_TUPLE_IP);
    const bool v6 = t.src.family == AF_INET6;
    mnl_attr_put(nlh, v6 ? CTA_IP_V6_SRC : CTA_IP_V4_SRC, t.src.size(), t.src.bytes.data());
    mnl_attr_put(nlh, v6 ? CTA_IP_V6_DST : CTA_IP_V4_DST, t.dst.size(), t.dst.bytes.data());
    mnl_attr_nest_end(nlh, ip);
    nlattr* pr = mnl_attr_nest_start(nlh, CTA_TUPLE_PROTO);
    mnl_attr_put_u8(nlh, CTA_PROTO_NUM, proto);
    if (proto == IPPROTO_ICMP || proto == IPPROTO_ICMPV6) {
        const bool icmp6 = proto == IPPROTO_ICMPV6;
        mnl_attr_put_u8(nlh, icmp6 ? CTA_PROTO_ICMPV6_TYPE : CTA_PROTO_ICMP_TYPE, t.icmp_type);
        mnl_attr_put_u8(nlh, icmp6 ? CTA_PROTO_ICMPV6_CODE : CTA_PROTO_ICMP_CODE, t.icmp_code);
        mnl_attr_put_u16(nlh, icmp6 ? CTA_PROTO_ICMPV6_ID : CTA_PROTO_ICMP_ID, htons(t.icmp_id));
    } else if (proto_has_ports(proto) || proto == IPPROTO_GRE) {
        // GRE carries its keys in the port attributes, and the kernel requires both.
        mnl_attr_put_u16(nlh, CTA_PROTO_SRC_PORT, htons(t.sport));
        mnl_attr_put_u16(nlh, CTA_PROTO_DST_PORT, htons(t.dport));
    }
    mnl_attr_nest_end(nlh, pr);
    mnl_attr_nest_end(nlh, tuple);
}

}  // namespace ctguard
