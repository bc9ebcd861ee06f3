#include "model/flow.hpp"

#include <netinet/in.h>

#include <array>
#include <cstring>
#include <string>

#include "lib/text.hpp"

namespace ctguard {

namespace {

// Kernel enums tcp_conntrack, sctp_conntrack and ct_dccp_states, named as conntrack-tools prints them.
constexpr std::array<const char*, 10> kTcpStates = {"NONE",     "SYN_SENT",   "SYN_RECV", "ESTABLISHED",
                                                    "FIN_WAIT", "CLOSE_WAIT", "LAST_ACK", "TIME_WAIT",
                                                    "CLOSE",    "SYN_SENT2"};
constexpr std::array<const char*, 10> kSctpStates = {
    "NONE",          "CLOSED",        "COOKIE_WAIT",       "COOKIE_ECHOED",  "ESTABLISHED",
    "SHUTDOWN_SENT", "SHUTDOWN_RECD", "SHUTDOWN_ACK_SENT", "HEARTBEAT_SENT", "HEARTBEAT_ACKED"};
constexpr std::array<const char*, 10> kDccpStates = {
    "NONE", "REQUEST", "RESPOND", "PARTOPEN", "OPEN", "CLOSEREQ", "CLOSING", "TIMEWAIT", "IGNORE", "INVALID"};

struct StateTable {
    const char* const* names;
    size_t size;
};

StateTable table_for(uint8_t proto) {
    switch (proto) {
        case IPPROTO_TCP:
            return {kTcpStates.data(), kTcpStates.size()};
        case IPPROTO_SCTP:
            return {kSctpStates.data(), kSctpStates.size()};
        case IPPROTO_DCCP:
            return {kDccpStates.data(), kDccpStates.size()};
        default:
            return {nullptr, 0};
    }
}

// Distinct names across all protocols; index + 1 is the id.
struct NameIds {
    std::array<const char*, 32> names{};
    size_t count = 0;
    std::array<std::array<uint8_t, 10>, 3> ids{};  // tcp, sctp, dccp

    NameIds() {
        const std::array<const char* const*, 3> tables = {kTcpStates.data(), kSctpStates.data(),
                                                          kDccpStates.data()};
        for (size_t t = 0; t < 3; ++t) {
            for (size_t s = 0; s < 10; ++s) {
                const char* n = tables[t][s];
                size_t i = 0;
                while (i < count && std::strcmp(names[i], n) != 0) ++i;
                if (i == count) names[count++] = n;
                ids[t][s] = static_cast<uint8_t>(i + 1);
            }
        }
    }
};

const NameIds& name_ids() {
    static const NameIds ids;
    return ids;
}

}  // namespace

bool proto_has_ports(uint8_t proto) {
    switch (proto) {
        case IPPROTO_TCP:
        case IPPROTO_UDP:
        case IPPROTO_UDPLITE:
        case IPPROTO_SCTP:
        case IPPROTO_DCCP:
            return true;
        default:
            return false;
    }
}

bool Flow::has_ports() const {
    return proto_has_ports(proto);
}

std::string_view proto_name(uint8_t proto) {
    switch (proto) {
        case IPPROTO_TCP:
            return "tcp";
        case IPPROTO_UDP:
            return "udp";
        case IPPROTO_UDPLITE:
            return "udplite";
        case IPPROTO_ICMP:
            return "icmp";
        case IPPROTO_ICMPV6:
            return "icmpv6";
        case IPPROTO_SCTP:
            return "sctp";
        case IPPROTO_DCCP:
            return "dccp";
        case IPPROTO_GRE:
            return "gre";
        default:
            return "unknown";
    }
}

std::optional<uint8_t> parse_proto(std::string_view text) {
    if (auto n = parse_u64(text, 255)) return static_cast<uint8_t>(*n);
    std::string lower = to_lower(text);
    for (int p = 0; p < 256; ++p) {
        auto name = proto_name(static_cast<uint8_t>(p));
        if (name != "unknown" && name == lower) return static_cast<uint8_t>(p);
    }
    return std::nullopt;
}

const char* state_name(uint8_t proto, uint8_t state) {
    auto t = table_for(proto);
    return state < t.size ? t.names[state] : nullptr;
}

uint8_t state_name_id(uint8_t proto, uint8_t state) {
    int t = proto == IPPROTO_TCP ? 0 : proto == IPPROTO_SCTP ? 1 : proto == IPPROTO_DCCP ? 2 : -1;
    if (t < 0 || state >= 10) return 0;
    return name_ids().ids[static_cast<size_t>(t)][state];
}

const char* state_name_by_id(uint8_t id) {
    const auto& ids = name_ids();
    return id == 0 || id > ids.count ? nullptr : ids.names[id - 1];
}

std::optional<uint8_t> state_number(uint8_t proto, std::string_view name) {
    auto t = table_for(proto);
    for (size_t s = 0; s < t.size; ++s) {
        if (name == t.names[s]) return static_cast<uint8_t>(s);
    }
    return std::nullopt;
}

bool is_state_name(std::string_view name) {
    for (uint8_t p : {uint8_t{IPPROTO_TCP}, uint8_t{IPPROTO_SCTP}, uint8_t{IPPROTO_DCCP}}) {
        if (state_number(p, name)) return true;
    }
    return false;
}

}  // namespace ctguard
