#pragma once
// One conntrack entry as the kernel reports it (ctnetlink or /proc/net/nf_conntrack).
#include <cstdint>
#include <optional>
#include <string_view>

#include "model/ip.hpp"

namespace ctguard {

// IPS_* status bits (linux/netfilter/nf_conntrack_common.h) the analysis cares about.
inline constexpr uint32_t kStatusSeenReply = 1u << 1;
inline constexpr uint32_t kStatusAssured = 1u << 2;
inline constexpr uint32_t kStatusSrcNat = 1u << 4;
inline constexpr uint32_t kStatusDstNat = 1u << 5;
inline constexpr uint32_t kStatusOffload = 1u << 14;
inline constexpr uint32_t kStatusHwOffload = 1u << 15;

inline constexpr uint8_t kNoState = 0xff;

struct Tuple {
    IpAddr src, dst;
    uint16_t sport = 0, dport = 0;  // host order; zero for protocols without ports
    uint8_t icmp_type = 0, icmp_code = 0;
    uint16_t icmp_id = 0;
};

struct Counters {
    uint64_t packets = 0, bytes = 0;
};

struct Flow {
    uint8_t family = 0;  // AF_INET or AF_INET6
    uint8_t proto = 0;   // IPPROTO_*
    Tuple orig, reply;
    uint8_t state = kNoState;  // protocol state number (TCP, SCTP, DCCP), kNoState otherwise
    uint32_t status = 0;       // IPS_* bits
    uint32_t timeout = 0;      // seconds left
    uint32_t mark = 0;
    uint16_t zone = 0;
    uint32_t id = 0;
    uint32_t use = 0;
    bool has_counters = false;  // only with net.netfilter.nf_conntrack_acct=1
    Counters orig_counters, reply_counters;

    bool has_ports() const;
    bool unreplied() const { return (status & kStatusSeenReply) == 0; }
    bool assured() const { return (status & kStatusAssured) != 0; }
};

// Protocols whose tuples carry ports.
bool proto_has_ports(uint8_t proto);
// "tcp", "udp", ... as conntrack -L prints them; "unknown" for others.
std::string_view proto_name(uint8_t proto);
// Accepts a name ("tcp", "icmpv6") or a number ("6").
std::optional<uint8_t> parse_proto(std::string_view text);

// State names, as conntrack -L prints them; nullptr for protocols without state or out-of-range numbers.
const char* state_name(uint8_t proto, uint8_t state);
// A small id per distinct state name (0 = no state), so TCP and SCTP "ESTABLISHED" group together.
uint8_t state_name_id(uint8_t proto, uint8_t state);
const char* state_name_by_id(uint8_t id);
// The state number of `name` for `proto`, if that protocol has such a state.
std::optional<uint8_t> state_number(uint8_t proto, std::string_view name);
// Does any protocol have a state of this name?
bool is_state_name(std::string_view name);

}  // namespace ctguard
