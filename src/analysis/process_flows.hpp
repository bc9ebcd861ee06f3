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

// SSH and telnet (22, 23 and their usual alternates 2222, 2323): the ports scanners and brute-forcers
// such as Mirai and Kaiji sweep.
bool is_login_port(uint16_t port);
// Stratum ports that public mining pools publish (3333, 4444, 5555, 6666, 7777, 9999, 14433, 14444,
// 45560, 45700): coin miners connect there.
bool is_mining_port(uint16_t port);

class ProcessFlowCounter : public FlowSink {
  public:
    explicit ProcessFlowCounter(const FlowAttributor& attributor) : attributor_(attributor) {}
    void on_flow(const Flow& flow) override;
    // The join reads both tuples and the state, never the counters.
    uint32_t parts() const override { return kFlowReply | kFlowState; }

    // Per pid, destinations as text.
    std::unordered_map<int, ProcessFlows> result() const;
    const FlowTotals& totals() const { return totals_; }

  private:
    struct Acc {
        ProcessFlows flows;
        std::unordered_set<IpAddr, IpAddrHash> destinations;
        std::unordered_set<IpAddr, IpAddrHash> login_destinations;
    };
    const FlowAttributor& attributor_;
    std::unordered_map<int, Acc> by_pid_;
    FlowTotals totals_;
};

}  // namespace ctguard
