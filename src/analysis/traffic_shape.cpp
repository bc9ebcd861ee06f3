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
        if (flow.has_ports()) inbound_services_.add(uint32_t{flow.proto} << 16 | flow.orig.dport);
    } else if (src_local) {
        ++shape_.outbound;
        destinations_.insert(flow.orig.dst);
        if (half_open(flow)) ++shape_.outbound_half_open;
    } else {
        ++shape_.forwarded;
        forwarded_sources_.add(flow.orig.src);
    }
}

TrafficShape TrafficShapeCounter::result() const {
    TrafficShape s = shape_;
    s.inbound_sources = sources_.size();
    s.outbound_destinations = destinations_.size();
    for (const auto& c : inbound_services_.top(kShapeTopKeys)) {
        s.inbound_services.push_back(
            {std::to_string(c.key & 0xffff) + "/" + std::string(proto_name(static_cast<uint8_t>(c.key >> 16))),
             c.count});
    }
    for (const auto& c : forwarded_sources_.top(kShapeTopKeys)) s.forwarded_sources.push_back({to_string(c.key), c.count});
    return s;
}

}  // namespace ctguard
