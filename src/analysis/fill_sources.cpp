#include "analysis/fill_sources.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "analysis/traffic_shape.hpp"
#include "lib/text.hpp"

namespace ctguard {

namespace {

std::vector<ShareOf> busiest_processes(const ProcsReport& procs) {
    std::vector<ShareOf> out;
    for (const auto& p : procs.processes) {
        if (p.flows.flows > 0) out.push_back({fmt::format("{}[{}]", p.info.comm, p.info.pid), p.flows.flows});
    }
    std::stable_sort(out.begin(), out.end(), [](const ShareOf& a, const ShareOf& b) { return a.count > b.count; });
    if (out.size() > kShapeTopKeys) out.resize(kShapeTopKeys);
    return out;
}

}  // namespace

std::vector<FillSource> fill_sources(const TrafficShape& shape, const ProcsReport* procs) {
    std::vector<FillSource> out = {
        {FillKind::forwarded, shape.forwarded, shape.forwarded_sources},
        {FillKind::inbound, shape.inbound, shape.inbound_services},
        {FillKind::outbound, shape.outbound, procs ? busiest_processes(*procs) : std::vector<ShareOf>{}},
        {FillKind::local, shape.internal, {}},
    };
    std::erase_if(out, [](const FillSource& s) { return s.count == 0; });
    std::stable_sort(out.begin(), out.end(), [](const FillSource& a, const FillSource& b) { return a.count > b.count; });
    return out;
}

std::string dominant_source_reason(const std::vector<FillSource>& sources, uint64_t total) {
    if (sources.empty() || total == 0) return "";
    const FillSource& s = sources.front();
    const std::string head =
        fmt::format("{} of {} entries ({})", with_thousands(s.count), with_thousands(total), share_percent(s.count, total));
    const std::string top = s.top.empty() ? "" : s.top.front().key;
    switch (s.kind) {
        case FillKind::forwarded:
            return head + " are forwarded through this host for other hosts (routing, NAT or containers)" +
                   (top.empty() ? "" : ", most from " + top) + "; this host's own processes do not hold them";
        case FillKind::inbound:
            return head + " come in to this host's services" + (top.empty() ? "" : ", most to " + top);
        case FillKind::outbound:
            return head + " are opened by this host" + (top.empty() ? "" : ", most by " + top);
        case FillKind::local:
            return head + " are local: both ends on this host";
    }
    return "";
}

}  // namespace ctguard
