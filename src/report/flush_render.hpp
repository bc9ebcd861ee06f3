#pragma once
// `ctguard flush`: how many entries matched and went.
#include <nlohmann/json.hpp>
#include <string>

#include "model/flush_report.hpp"

namespace ctguard {

nlohmann::json flush_json(const FlushReport& r);
std::string flush_text(const FlushReport& r);

}  // namespace ctguard
