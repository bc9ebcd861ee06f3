#pragma once
// The audit's account and authorized_keys rules (docs/commands.md lists every id).
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "model/audit.hpp"

namespace ctguard {

// account.root_password, account.empty_password, account.uid0.
std::vector<Finding> account_findings(const Accounts& accounts, const SshdSettings& settings);

// keys.recent (changed in the last 7 days), keys.unknown (not in the owner's known_keys list),
// keys.malicious (a key botnets are known to install).
std::vector<Finding> key_findings(const std::vector<AuthorizedKeysFile>& files,
                                  const std::optional<std::set<std::string>>& known_keys,
                                  const std::string& known_keys_path, int64_t now);

}  // namespace ctguard
