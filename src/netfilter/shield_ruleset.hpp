#pragma once
// The nft text of `ctguard shield` (table inet ctguard_shield), written the way `nft list table`
// prints it, so what is loaded can be compared with what is planned, line by line.
#include <string>
#include <string_view>

#include "model/shield.hpp"

namespace ctguard {

// The table as `nft list table inet ctguard_shield` prints it once loaded (counters at zero).
std::string shield_listing(const ShieldPlan& plan);
// Loads the listing in one transaction, replacing whatever table of that name was there.
std::string shield_load_script(const ShieldPlan& plan);
// Removes the table; succeeds also when there is none.
std::string shield_remove_script();
// A listing with every counter at zero: the same ruleset compares equal however much it counted.
std::string zero_counters(std::string_view listing);

// Dry-run probes: each succeeds only when the kernel has what its measure needs.
std::string synproxy_probe_script();
std::string ct_timeout_probe_script();

}  // namespace ctguard
