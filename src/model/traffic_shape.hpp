#pragma once
// Which way the table's entries point, seen from this host (counted by analysis/traffic_shape).
#include <cstdint>
#include <string>
#include <vector>

namespace ctguard {

// One of the few keys that hold most of a kind of entries: "443/tcp", "172.17.0.2".
struct ShareOf {
    std::string key;
    uint64_t count = 0;
};

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
    std::vector<ShareOf> inbound_services;   // local "PORT/PROTO" that inbound entries go to, most first
    std::vector<ShareOf> forwarded_sources;  // sources of forwarded entries (inner hosts, containers)
};

// Where a share of the table comes from, for check's "from" lines (analysis/fill_sources).
enum class FillKind { forwarded, inbound, outbound, local };
struct FillSource {
    FillKind kind = FillKind::local;
    uint64_t count = 0;
    std::vector<ShareOf> top;  // services, inner hosts or processes that hold most of it
};
// "forwarded", "inbound", "outbound", "local": check's JSON "sources[].kind".
const char* fill_kind_name(FillKind kind);

}  // namespace ctguard
