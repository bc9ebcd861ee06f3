#pragma once
// Which way the table's entries point, seen from this host: floods come in (many sources, half-open
// entries to local services), compromised hosts fan out (half-open entries to many destinations).
// A FlowSink, so it rides along with any dump.
#include <cstdint>
#include <unordered_set>
#include <vector>

#include "model/flow_sink.hpp"
#include "model/ip.hpp"

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

class TrafficShapeCounter : public FlowSink {
  public:
    explicit TrafficShapeCounter(std::vector<Cidr> local) : local_(std::move(local)) {}
    void on_flow(const Flow& flow) override;
    uint32_t parts() const override { return kFlowState; }  // half-open needs the TCP state
    TrafficShape result() const;

  private:
    bool is_local(const IpAddr& a) const;
    std::vector<Cidr> local_;
    TrafficShape shape_;
    struct AddrHash {
        size_t operator()(const IpAddr& a) const;
    };
    std::unordered_set<IpAddr, AddrHash> sources_, destinations_;
};

// A flow that never got past its opening: TCP SYN_SENT / SYN_RECV, or no reply seen at all.
bool half_open(const Flow& flow);

}  // namespace ctguard
