#pragma once
// Which way the table's entries point, seen from this host (counted by analysis/traffic_shape).
#include <cstdint>

namespace ctguard {

struct TrafficShape {
    uint64_t total = 0;
    uint64_t inbound = 0;             // original source remote, destination ours
    uint64_t outbound = 0;            // original source ours, destination remote
    uint64_t forwarded = 0;           // neither end ours: routed or NATed through this host
    uint64_t internal = 0;            // both ends ours (loopback and the like)
    uint64_t syn_recv = 0;            // TCP SYN_RECV, any direction (what `flush --state SYN_RECV` removes)
    uint64_t unreplied = 0;           // never answered, any direction (`flush --state UNREPLIED`)
    uint64_t inbound_half_open = 0;   // inbound and SYN_RECV or never answered
    uint64_t outbound_half_open = 0;  // outbound and SYN_SENT or never answered
    uint64_t inbound_sources = 0;     // distinct remote sources of inbound entries
    uint64_t outbound_destinations = 0;  // distinct remote destinations of outbound entries
};

}  // namespace ctguard
