#pragma once
// `ctguard check`: the report a worried owner reads first. The first screen answers, in order:
// how bad (level and verdict), why, and what to do now; the details follow.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "model/check_report.hpp"

namespace ctguard {

nlohmann::json check_json(const CheckReport& r);
// `colour`: ANSI colours for a terminal; prose wraps to `width` columns (SIZE_MAX: never).
std::string check_text(const CheckReport& r, bool colour, size_t width);

}  // namespace ctguard
