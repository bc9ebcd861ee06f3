#pragma once
// Counts conntrack entries per owning process in one streaming pass (a FlowSink), with the
// states, unreplied and outbound counts and distinct destinations the suspicion signals need.
#include <cstdint>
#include <unordered_map>
#include <unordered_set>

#include "analysis/flow_owner.hpp"
#include "model/flow_sink.hpp"
#include "model/ip_hash.hpp"

namespace ctguard {

class ProcessFlowCounter : public FlowSink {
  public:
    explicit ProcessFlowCounter(const FlowAttributor& attributor) : attributor_(attributor) {}
    void on_flow(const Flow& flow) override;

    // Per pid, destinations as text.
    std::unordered_map<int, ProcessFlows> result() const;
    const FlowTotals& totals() const { return totals_; }

  private:
    struct Acc {
        ProcessFlows flows;
        std::unordered_set<IpAddr, IpAddrHash> destinations;
    };
    const FlowAttributor& attributor_;
    std::unordered_map<int, Acc> by_pid_;
    FlowTotals totals_;
};

}  // namespace ctguard
