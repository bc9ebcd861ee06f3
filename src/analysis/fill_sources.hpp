#pragma once
// Where the table's entries come from, in shares: routed through this host for others (a router, NAT
// or container host), coming in to local services, going out from this host's processes, or local.
// check leads with this, so its "why" accounts for most of the table whatever the verdict. Pure.
#include <string>
#include <vector>

#include "model/process.hpp"
#include "model/traffic_shape.hpp"

namespace ctguard {

// The kinds that hold entries, biggest first; outbound's top is the processes holding most entries
// (nullptr: processes unknown).
std::vector<FillSource> fill_sources(const TrafficShape& shape, const ProcsReport* procs);
// The kind that holds most of the table, as a reason: "29,950 of 31,023 entries (97%) are forwarded
// through this host ...". "" when the table is empty.
std::string dominant_source_reason(const std::vector<FillSource>& sources, uint64_t total);

}  // namespace ctguard
