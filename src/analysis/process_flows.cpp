#include "analysis/process_flows.hpp"

namespace ctguard {

void ProcessFlowCounter::on_flow(const Flow& flow) {
    ++totals_.total;
    FlowOwner o = attributor_.owner(flow);
    if (o.kind == FlowOwnerKind::forwarded) {
        ++totals_.forwarded;
        return;
    }
    if (o.kind == FlowOwnerKind::no_socket) {
        ++totals_.no_socket;
        return;
    }
    ++totals_.attributed;
    Acc& acc = by_pid_[o.pid];
    ++acc.flows.flows;
    const char* state = state_name(flow.proto, flow.state);
    // Stateless protocols (UDP) are counted as conntrack -L marks them: replied or not.
    ++acc.flows.by_state[state ? state : flow.unreplied() ? "UNREPLIED" : "REPLIED"];
    if (flow.unreplied()) ++acc.flows.unreplied;
    if (o.outbound) {
        ++acc.flows.outbound;
        acc.destinations.insert(flow.orig.dst);
    }
}

std::unordered_map<int, ProcessFlows> ProcessFlowCounter::result() const {
    std::unordered_map<int, ProcessFlows> out;
    for (const auto& [pid, acc] : by_pid_) {
        ProcessFlows f = acc.flows;
        for (const auto& a : acc.destinations) f.destinations.insert(to_string(a));
        out.emplace(pid, std::move(f));
    }
    return out;
}

}  // namespace ctguard
