#pragma once
// `ctguard top`: text table and JSON (docs/CLI.md shape: {"by":[..],"total":N,"rows":[{KEY:..,"count":N}]}).
#include <nlohmann/json.hpp>
#include <string>

#include "model/top.hpp"

namespace ctguard {

nlohmann::json top_json(const TopResult& r);
std::string top_text(const TopResult& r);
// One key's value of a group: JSON (numbers stay numbers, no state/port is null) and text.
nlohmann::json group_value_json(TopKey key, const GroupValues& v);
std::string group_value_text(TopKey key, const GroupValues& v);

}  // namespace ctguard
