#pragma once
// Prometheus text exposition (format 0.0.4) of a FleetSnapshot: what /metrics serves, what
// `ctguard metrics` prints and what it leaves for node_exporter's textfile collector.
#include <string>
#include <string_view>

#include "model/fleet.hpp"

namespace ctguard {

// Every family gets its HELP and TYPE lines once, even without samples, so a scrape always
// names everything ctguard can export. A tenant whose collection failed exports only
// ctguard_tenant_up 0: its other series vanish rather than report stale figures.
std::string prometheus_text(const FleetSnapshot& fleet);

// A label value as the text format quotes it: backslash, double quote and newline escaped.
std::string escape_label_value(std::string_view value);

// The label value of "everything beyond the top-N" in ctguard_top_entries.
inline constexpr std::string_view kOtherKey = "other";

}  // namespace ctguard
