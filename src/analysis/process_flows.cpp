#include "analysis/process_flows.hpp"

#include <algorithm>

namespace ctguard {

bool is_login_port(uint16_t port) {
    return port == 22 || port == 23 || port == 2222 || port == 2323;
}

bool is_mining_port(uint16_t port) {
    static constexpr uint16_t kPorts[] = {3333, 4444, 5555, 6666, 7777, 9999, 14433, 14444, 45560, 45700};
    return std::find(std::begin(kPorts), std::end(kPorts), port) != std::end(kPorts);
}

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
        const uint16_t dport = flow.orig.dport;
        if (is_login_port(dport)) {
            acc.login_destinations.insert(flow.orig.dst);
            if (flow.unreplied()) ++acc.flows.login_unreplied;
        }
        if (is_mining_port(dport)) acc.flows.mining_ports.insert(dport);
    }
}

std::unordered_map<int, ProcessFlows> ProcessFlowCounter::result() const {
    std::unordered_map<int, ProcessFlows> out;
    for (const auto& [pid, acc] : by_pid_) {
        ProcessFlows f = acc.flows;
        for (const auto& a : acc.destinations) f.destinations.insert(to_string(a));
        for (const auto& a : acc.login_destinations) f.login_destinations.insert(to_string(a));
        out.emplace(pid, std::move(f));
    }
    return out;
}

}  // namespace ctguard
