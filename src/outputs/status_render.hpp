#pragma once
// `ctguard status`: text and JSON (DESIGN.md shape).
#include <nlohmann/json.hpp>
#include <string>

#include "model/level.hpp"
#include "model/table_stats.hpp"

namespace ctguard {

struct StatusReport {
    TableStats table;
    Level level = Level::ok;
    Thresholds thresholds;
};

nlohmann::json status_json(const StatusReport& r);
std::string status_text(const StatusReport& r);
// A rounded usage figure for JSON (4 decimals), so output does not show binary noise.
double rounded_usage(double usage);

}  // namespace ctguard
