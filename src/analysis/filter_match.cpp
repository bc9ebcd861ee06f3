#include "analysis/filter_match.hpp"

namespace ctguard {

namespace {

bool any_contains(const std::vector<Cidr>& nets, const IpAddr& a) {
    for (const auto& c : nets) {
        if (c.contains(a)) return true;
    }
    return false;
}

bool state_matches(const std::string& want, const Flow& flow) {
    if (want == "UNREPLIED") return flow.unreplied();
    if (want == "ASSURED") return flow.assured();
    auto n = state_number(flow.proto, want);
    return n && *n == flow.state;
}

}  // namespace

uint32_t parts_needed(const Filter& f) {
    const bool status_only = f.state.empty() || f.state == "UNREPLIED" || f.state == "ASSURED";
    return status_only ? 0u : uint32_t{kFlowState};
}

bool matches(const Filter& f, const Flow& flow) {
    if (f.proto && flow.proto != *f.proto) return false;
    if (!f.src.empty() && !any_contains(f.src, flow.orig.src)) return false;
    if (!f.dst.empty() && !any_contains(f.dst, flow.orig.dst)) return false;
    if (f.sport && !(flow.has_ports() && f.sport->contains(flow.orig.sport))) return false;
    if (f.dport && !(flow.has_ports() && f.dport->contains(flow.orig.dport))) return false;
    if (f.zone && flow.zone != *f.zone) return false;
    if (f.mark && (flow.mark & f.mark->mask) != f.mark->value) return false;
    if (!f.state.empty() && !state_matches(f.state, flow)) return false;
    return true;
}

}  // namespace ctguard
