#pragma once
// `ctguard status`: text and JSON (docs/CLI.md shape).
#include <nlohmann/json.hpp>
#include <string>

#include "model/status_report.hpp"

namespace ctguard {

nlohmann::json status_json(const StatusReport& r);
// Prose (the drop causes) wraps to `width` columns (SIZE_MAX: never).
std::string status_text(const StatusReport& r, size_t width);
// How full, against the line that matters to this host: the provider's suspension line, or
// nf_conntrack_max when it is lower (the table cannot pass it). "31,023 of 30,000 (103%) [###] the
// provider's suspension line; nf_conntrack_max 262,144".
std::string fill_line(const StatusReport& r);
// A rounded usage figure for JSON (4 decimals), so output does not show binary noise.
double rounded_usage(double usage);

}  // namespace ctguard
