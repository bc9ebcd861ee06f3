#pragma once
// `ctguard history`: incidents as a text table or JSON ({"incidents":[...]}, newest first).
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "model/history.hpp"

namespace ctguard {

nlohmann::json history_json(const std::vector<HistoryRow>& rows);
std::string history_text(const std::vector<HistoryRow>& rows);

}  // namespace ctguard
