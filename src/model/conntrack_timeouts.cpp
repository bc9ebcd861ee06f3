#include "model/conntrack_timeouts.hpp"

#include <algorithm>

namespace ctguard {

const std::vector<std::string_view>& conntrack_timeout_names() {
    // net/netfilter/nf_conntrack_standalone.c (Linux 6.x); dccp and sctp only with their modules.
    static const std::vector<std::string_view> names = {
        "generic_timeout",
        "tcp_timeout_syn_sent",
        "tcp_timeout_syn_recv",
        "tcp_timeout_established",
        "tcp_timeout_fin_wait",
        "tcp_timeout_close_wait",
        "tcp_timeout_last_ack",
        "tcp_timeout_time_wait",
        "tcp_timeout_close",
        "tcp_timeout_max_retrans",
        "tcp_timeout_unacknowledged",
        "udp_timeout",
        "udp_timeout_stream",
        "icmp_timeout",
        "icmpv6_timeout",
        "sctp_timeout_closed",
        "sctp_timeout_cookie_wait",
        "sctp_timeout_cookie_echoed",
        "sctp_timeout_established",
        "sctp_timeout_shutdown_sent",
        "sctp_timeout_shutdown_recd",
        "sctp_timeout_shutdown_ack_sent",
        "sctp_timeout_heartbeat_sent",
        "dccp_timeout_request",
        "dccp_timeout_respond",
        "dccp_timeout_partopen",
        "dccp_timeout_open",
        "dccp_timeout_closereq",
        "dccp_timeout_closing",
        "dccp_timeout_timewait",
        "gre_timeout",
        "gre_timeout_stream",
    };
    return names;
}

std::optional<std::string> parse_timeout_name(std::string_view text) {
    for (std::string_view prefix :
         {"net.netfilter.nf_conntrack_", "net/netfilter/nf_conntrack_", "nf_conntrack_"}) {
        if (text.starts_with(prefix)) {
            text.remove_prefix(prefix.size());
            break;
        }
    }
    const auto& names = conntrack_timeout_names();
    if (std::find(names.begin(), names.end(), text) == names.end()) return std::nullopt;
    return std::string(text);
}

SysctlKey timeout_key(std::string_view name) {
    std::string n(name);
    return {"net.netfilter.nf_conntrack_" + n, {"net/netfilter/nf_conntrack_" + n}};
}

const std::vector<TimeoutAdvice>& timeout_advice() {
    static const std::vector<TimeoutAdvice> advice = {
        {"tcp_timeout_established", 86400, 10800,
         "the 5-day default keeps entries of peers that vanished without FIN or RST; 3 hours is still above "
         "the 2-hour TCP keepalive, so idle connections that use keepalive survive"},
    };
    return advice;
}

}  // namespace ctguard
