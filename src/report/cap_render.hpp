#pragma once
// `ctguard cap`: the nftables ruleset it loads (and persists), and what --list shows.
#include <nlohmann/json.hpp>
#include <string>

#include "model/cap.hpp"

namespace ctguard {

std::string cap_summary(const CapSpec& spec);
nlohmann::json cap_spec_json(const CapSpec& spec);
nlohmann::json cap_list_json(const CapState& state);
std::string cap_list_text(const CapState& state);

}  // namespace ctguard
