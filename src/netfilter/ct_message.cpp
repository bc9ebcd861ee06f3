#include "netfilter/ct_message.hpp"

#include <linux/netfilter/nfnetlink.h>
#include <linux/netfilter/nfnetlink_conntrack.h>
#include <netinet/in.h>

#include <cstring>

#include "lib/netlink_socket.hpp"

namespace ctguard {

namespace {

// Minimum payload size per attribute type; an attribute smaller than this is ignored as invalid.
struct MinSizes {
    uint8_t top[CTA_MAX + 1]{};
    uint8_t tuple[CTA_TUPLE_MAX + 1]{};
    uint8_t ip[CTA_IP_MAX + 1]{};
    uint8_t proto[CTA_PROTO_MAX + 1]{};
    uint8_t protoinfo[CTA_PROTOINFO_MAX + 1]{};
    uint8_t tcp[CTA_PROTOINFO_TCP_MAX + 1]{};
    uint8_t dccp[CTA_PROTOINFO_DCCP_MAX + 1]{};
    uint8_t sctp[CTA_PROTOINFO_SCTP_MAX + 1]{};
    uint8_t counters[CTA_COUNTERS_MAX + 1]{};

    constexpr MinSizes() {
        top[CTA_STATUS] = 4;
        top[CTA_TIMEOUT] = 4;
        top[CTA_MARK] = 4;
        top[CTA_USE] = 4;
        top[CTA_ID] = 4;
        top[CTA_ZONE] = 2;
        ip[CTA_IP_V4_SRC] = 4;
        ip[CTA_IP_V4_DST] = 4;
        ip[CTA_IP_V6_SRC] = 16;
        ip[CTA_IP_V6_DST] = 16;
        proto[CTA_PROTO_NUM] = 1;
        proto[CTA_PROTO_SRC_PORT] = 2;
        proto[CTA_PROTO_DST_PORT] = 2;
        proto[CTA_PROTO_ICMP_ID] = 2;
        proto[CTA_PROTO_ICMP_TYPE] = 1;
        proto[CTA_PROTO_ICMP_CODE] = 1;
        proto[CTA_PROTO_ICMPV6_ID] = 2;
        proto[CTA_PROTO_ICMPV6_TYPE] = 1;
        proto[CTA_PROTO_ICMPV6_CODE] = 1;
        tcp[CTA_PROTOINFO_TCP_STATE] = 1;
        dccp[CTA_PROTOINFO_DCCP_STATE] = 1;
        sctp[CTA_PROTOINFO_SCTP_STATE] = 1;
        counters[CTA_COUNTERS_PACKETS] = 8;
        counters[CTA_COUNTERS_BYTES] = 8;
        counters[CTA_COUNTERS32_PACKETS] = 4;
        counters[CTA_COUNTERS32_BYTES] = 4;
    }
};
constexpr MinSizes kMin;

void copy_addr(const nlattr* a, uint8_t family, IpAddr& out) {
    out.family = family;
    // Unused bytes stay zero: grouping hashes all 16 and the Flow is reused across messages.
    out.bytes = {};
    std::memcpy(out.bytes.data(), attr_payload(a), family == AF_INET6 ? 16 : 4);
}

// CTA_TUPLE_ORIG / CTA_TUPLE_REPLY: { CTA_TUPLE_IP { src, dst }, CTA_TUPLE_PROTO { num, ports | icmp } }
bool parse_tuple(const nlattr* nest, Tuple& t, uint8_t& proto) {
    const nlattr* tb[CTA_TUPLE_MAX + 1];
    if (!index_nested(nest, tb, CTA_TUPLE_MAX, kMin.tuple) || !tb[CTA_TUPLE_IP] || !tb[CTA_TUPLE_PROTO]) {
        return false;
    }
    const nlattr* ip[CTA_IP_MAX + 1];
    if (!index_nested(tb[CTA_TUPLE_IP], ip, CTA_IP_MAX, kMin.ip)) return false;
    if (ip[CTA_IP_V4_SRC] && ip[CTA_IP_V4_DST]) {
        copy_addr(ip[CTA_IP_V4_SRC], AF_INET, t.src);
        copy_addr(ip[CTA_IP_V4_DST], AF_INET, t.dst);
    } else if (ip[CTA_IP_V6_SRC] && ip[CTA_IP_V6_DST]) {
        copy_addr(ip[CTA_IP_V6_SRC], AF_INET6, t.src);
        copy_addr(ip[CTA_IP_V6_DST], AF_INET6, t.dst);
    } else {
        return false;
    }

    const nlattr* pr[CTA_PROTO_MAX + 1];
    if (!index_nested(tb[CTA_TUPLE_PROTO], pr, CTA_PROTO_MAX, kMin.proto) || !pr[CTA_PROTO_NUM]) return false;
    proto = attr_u8(pr[CTA_PROTO_NUM]);
    t.sport = pr[CTA_PROTO_SRC_PORT] ? attr_be16(pr[CTA_PROTO_SRC_PORT]) : 0;
    t.dport = pr[CTA_PROTO_DST_PORT] ? attr_be16(pr[CTA_PROTO_DST_PORT]) : 0;
    const bool v6 = proto == IPPROTO_ICMPV6;
    const nlattr* type = pr[v6 ? CTA_PROTO_ICMPV6_TYPE : CTA_PROTO_ICMP_TYPE];
    const nlattr* code = pr[v6 ? CTA_PROTO_ICMPV6_CODE : CTA_PROTO_ICMP_CODE];
    const nlattr* id = pr[v6 ? CTA_PROTO_ICMPV6_ID : CTA_PROTO_ICMP_ID];
    t.icmp_type = type ? attr_u8(type) : 0;
    t.icmp_code = code ? attr_u8(code) : 0;
    t.icmp_id = id ? attr_be16(id) : 0;
    return true;
}

// CTA_PROTOINFO { CTA_PROTOINFO_TCP { CTA_PROTOINFO_TCP_STATE } } and the same shape for DCCP and SCTP.
uint8_t parse_state(const nlattr* nest) {
    const nlattr* tb[CTA_PROTOINFO_MAX + 1];
    if (!index_nested(nest, tb, CTA_PROTOINFO_MAX, kMin.protoinfo)) return kNoState;
    if (tb[CTA_PROTOINFO_TCP]) {
        const nlattr* t[CTA_PROTOINFO_TCP_MAX + 1];
        if (index_nested(tb[CTA_PROTOINFO_TCP], t, CTA_PROTOINFO_TCP_MAX, kMin.tcp) &&
            t[CTA_PROTOINFO_TCP_STATE]) {
            return attr_u8(t[CTA_PROTOINFO_TCP_STATE]);
        }
    } else if (tb[CTA_PROTOINFO_SCTP]) {
        const nlattr* s[CTA_PROTOINFO_SCTP_MAX + 1];
        if (index_nested(tb[CTA_PROTOINFO_SCTP], s, CTA_PROTOINFO_SCTP_MAX, kMin.sctp) &&
            s[CTA_PROTOINFO_SCTP_STATE]) {
            return attr_u8(s[CTA_PROTOINFO_SCTP_STATE]);
        }
    } else if (tb[CTA_PROTOINFO_DCCP]) {
        const nlattr* d[CTA_PROTOINFO_DCCP_MAX + 1];
        if (index_nested(tb[CTA_PROTOINFO_DCCP], d, CTA_PROTOINFO_DCCP_MAX, kMin.dccp) &&
            d[CTA_PROTOINFO_DCCP_STATE]) {
            return attr_u8(d[CTA_PROTOINFO_DCCP_STATE]);
        }
    }
    return kNoState;
}

// CTA_COUNTERS_ORIG / _REPLY: 64-bit counters, or the 32-bit ones very old kernels sent.
Counters parse_counters(const nlattr* nest) {
    Counters c;
    const nlattr* tb[CTA_COUNTERS_MAX + 1];
    if (!index_nested(nest, tb, CTA_COUNTERS_MAX, kMin.counters)) return c;
    if (tb[CTA_COUNTERS_PACKETS])
        c.packets = attr_be64(tb[CTA_COUNTERS_PACKETS]);
    else if (tb[CTA_COUNTERS32_PACKETS])
        c.packets = attr_be32(tb[CTA_COUNTERS32_PACKETS]);
    if (tb[CTA_COUNTERS_BYTES])
        c.bytes = attr_be64(tb[CTA_COUNTERS_BYTES]);
    else if (tb[CTA_COUNTERS32_BYTES])
        c.bytes = attr_be32(tb[CTA_COUNTERS32_BYTES]);
    return c;
}

}  // namespace

bool parse_ct_message(const nlmsghdr* nlh, Flow& out, uint32_t parts) {
    constexpr size_t kHeader = NLMSG_HDRLEN + NLMSG_ALIGN(sizeof(nfgenmsg));
    if (nlh->nlmsg_len < kHeader) return false;
    const auto* nfg = reinterpret_cast<const nfgenmsg*>(reinterpret_cast<const char*>(nlh) + NLMSG_HDRLEN);

    const nlattr* tb[CTA_MAX + 1];
    if (!index_attributes(reinterpret_cast<const char*>(nlh) + kHeader, nlh->nlmsg_len - kHeader, tb, CTA_MAX,
                          kMin.top) ||
        !tb[CTA_TUPLE_ORIG]) {
        return false;
    }
    out.family = nfg->nfgen_family;
    if (!parse_tuple(tb[CTA_TUPLE_ORIG], out.orig, out.proto)) return false;
    out.status = tb[CTA_STATUS] ? attr_be32(tb[CTA_STATUS]) : 0;
    out.timeout = tb[CTA_TIMEOUT] ? attr_be32(tb[CTA_TIMEOUT]) : 0;
    out.mark = tb[CTA_MARK] ? attr_be32(tb[CTA_MARK]) : 0;
    out.zone = tb[CTA_ZONE] ? attr_be16(tb[CTA_ZONE]) : 0;
    out.id = tb[CTA_ID] ? attr_be32(tb[CTA_ID]) : 0;
    out.use = tb[CTA_USE] ? attr_be32(tb[CTA_USE]) : 0;

    uint8_t reply_proto = out.proto;
    if (!(parts & kFlowReply) || !tb[CTA_TUPLE_REPLY] ||
        !parse_tuple(tb[CTA_TUPLE_REPLY], out.reply, reply_proto)) {
        out.reply = Tuple{};
    }
    out.state = (parts & kFlowState) && tb[CTA_PROTOINFO] ? parse_state(tb[CTA_PROTOINFO]) : kNoState;
    out.has_counters = (parts & kFlowCounters) && tb[CTA_COUNTERS_ORIG] != nullptr;
    out.orig_counters = out.has_counters ? parse_counters(tb[CTA_COUNTERS_ORIG]) : Counters{};
    out.reply_counters =
        out.has_counters && tb[CTA_COUNTERS_REPLY] ? parse_counters(tb[CTA_COUNTERS_REPLY]) : Counters{};
    return true;
}

}  // namespace ctguard
