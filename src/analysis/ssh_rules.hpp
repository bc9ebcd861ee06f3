#pragma once
// The audit's SSH rules (docs/commands.md lists every id).
#include <vector>

#include "model/audit.hpp"

namespace ctguard {

// ssh.password_auth, ssh.kbd_interactive, ssh.root_login, ssh.empty_passwords (global values and the Match
// blocks that turn them back on), ssh.config_error.
std::vector<Finding> ssh_findings(const SshdConfig& config, const SshdSettings& settings);

}  // namespace ctguard
