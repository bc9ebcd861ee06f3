#pragma once
// Which way the table's entries point, seen from this host: floods come in (many sources, half-open
// entries to local services), compromised hosts fan out (half-open entries to many destinations).
// A FlowSink, so it rides along with any dump.
#include <cstdint>
#include <unordered_set>
#include <vector>

#include "analysis/space_saving.hpp"
#include "model/flow_sink.hpp"
#include "model/ip_hash.hpp"
#include "model/traffic_shape.hpp"

namespace ctguard {

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
    std::unordered_set<IpAddr, IpAddrHash> sources_, destinations_;
    // Bounded: a flood picks the ports and the forwarded sources.
    SpaceSaving<uint32_t> inbound_services_{64};  // proto << 16 | dport
    SpaceSaving<IpAddr, IpAddrHash> forwarded_sources_{64};
};

// How many of the heaviest keys TrafficShape keeps of each kind.
inline constexpr size_t kShapeTopKeys = 3;

// A flow that never got past its opening: TCP SYN_SENT / SYN_RECV, or no reply seen at all.
bool half_open(const Flow& flow);

}  // namespace ctguard
