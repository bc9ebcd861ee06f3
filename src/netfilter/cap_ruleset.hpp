#pragma once
// The nft programs that load and remove per-source caps (`ctguard cap`, the daemon's cap action).
#include <string>

#include "model/cap.hpp"

namespace ctguard {

// A self-contained nft script: declares the table, deletes it, and defines it afresh, so loading it
// (live, or at boot from /etc/nftables.conf) replaces the caps in one transaction, whatever was there.
std::string cap_ruleset(const CapSpec& spec, const CapTable& table = kCapTable);
// Removes the table, and succeeds also when there is none.
std::string cap_remove_script(const CapTable& table = kCapTable);

}  // namespace ctguard
