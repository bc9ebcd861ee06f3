#include "analysis/traffic_shape.hpp"

#include <netinet/in.h>

namespace ctguard {

namespace {
// enum tcp_conntrack (linux/netfilter/nf_conntrack_tcp.h)
constexpr uint8_t kTcpSynSent = 1;
constexpr uint8_t kTcpSynRecv = 2;
}  // namespace

bool half_open(const Flow& flow) {
    if (flow.unreplied()) return true;
    return flow.proto == IPPROTO_TCP && (flow.state == kTcpSynSent || flow.state == kTcpSynRecv);
}

bool TrafficShapeCounter::is_local(const IpAddr& a) const {
    for (const auto& c : local_) {
        if (c.contains(a)) return true;
    }
    return false;
}

void TrafficShapeCounter::on_flow(const Flow& flow) {
    ++shape_.total;
    if (flow.unreplied()) ++shape_.unreplied;
    if (flow.proto == IPPROTO_TCP && flow.state == kTcpSynRecv) ++shape_.syn_recv;
    const bool src_local = is_local(flow.orig.src);
    const bool dst_local = is_local(flow.orig.dst);
    if (src_local && dst_local) {
        ++shape_.internal;
    } else if (dst_local) {
        ++shape_.inbound;
        sources_.insert(flow.orig.src);
        if (half_open(flow)) ++shape_.inbound_half_open;
    } else if (src_local) {
        ++shape_.outbound;
        destinations_.insert(flow.orig.dst);
        if (half_open(flow)) ++shape_.outbound_half_open;
    } else {
        ++shape_.forwarded;
    }
}

TrafficShape TrafficShapeCounter::result() const {
    TrafficShape s = shape_;
    s.inbound_sources = sources_.size();
    s.outbound_destinations = destinations_.size();
    return s;
}

}  // namespace ctguard
