#pragma once
// `ctguard cap`: the nftables ruleset it loads (and persists), and what --list shows.
#include <nlohmann/json.hpp>
#include <string>

#include "model/cap.hpp"

namespace ctguard {

// A self-contained nft script: declares the table, deletes it, and defines it afresh, so loading it
// (live, or at boot from /etc/nftables.conf) replaces the caps in one transaction, whatever was there.
std::string cap_ruleset(const CapSpec& spec, const CapTable& table = kCapTable);
// Removes the table, and succeeds also when there is none.
std::string cap_remove_script(const CapTable& table = kCapTable);

std::string cap_summary(const CapSpec& spec);
nlohmann::json cap_spec_json(const CapSpec& spec);
nlohmann::json cap_list_json(const CapState& state);
std::string cap_list_text(const CapState& state);

}  // namespace ctguard
