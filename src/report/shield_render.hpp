#pragma once
// `ctguard shield`: text and JSON.
#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>

#include "model/shield.hpp"

namespace ctguard {

nlohmann::json shield_json(const ShieldReport& r);
// Prose wraps to `width` columns (SIZE_MAX: never).
std::string shield_text(const ShieldReport& r, size_t width);
// The chosen measures on one line, for the daemon's log: "synproxy on tcp 80, 443; notrack on udp 53;
// timeouts"; "" when none is chosen.
std::string shield_summary(const ShieldPlan& plan);

}  // namespace ctguard
