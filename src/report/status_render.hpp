#pragma once
// `ctguard status`: text and JSON (docs/CLI.md shape).
#include <nlohmann/json.hpp>
#include <string>

#include "model/status_report.hpp"

namespace ctguard {

nlohmann::json status_json(const StatusReport& r);
std::string status_text(const StatusReport& r);
// A rounded usage figure for JSON (4 decimals), so output does not show binary noise.
double rounded_usage(double usage);

}  // namespace ctguard
