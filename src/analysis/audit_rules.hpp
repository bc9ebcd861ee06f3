#pragma once
// The audit's rules: pure functions from what was read on disk to findings. README lists every id.
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "model/audit.hpp"

namespace ctguard {

// ssh.password_auth, ssh.kbd_interactive, ssh.root_login, ssh.empty_passwords (global values and the Match
// blocks that turn them back on), ssh.config_error.
std::vector<Finding> ssh_findings(const SshdConfig& config, const SshdSettings& settings);

// account.root_password, account.empty_password, account.uid0.
std::vector<Finding> account_findings(const Accounts& accounts, const SshdSettings& settings);

// keys.recent (changed in the last 7 days), keys.unknown (not in the owner's known_keys list),
// keys.malicious (a key botnets are known to install).
std::vector<Finding> key_findings(const std::vector<AuthorizedKeysFile>& files,
                                  const std::optional<std::set<std::string>>& known_keys,
                                  const std::string& known_keys_path, int64_t now);

// persist.* (cron, systemd, rc.local, init.d, ld.so.preload, shell start-up files), xorddos.*, binary.*.
std::vector<Finding> persistence_findings(const PersistenceScan& scan);

// A crontab line's command: after the five time fields (or an @keyword) and, in /etc/crontab and
// /etc/cron.d, the user field. nullopt for blank, comment and VAR=value lines.
//   */3 * * * * root /etc/cron.hourly/gcc.sh        @reboot /tmp/.x/run
std::optional<std::string_view> crontab_command(std::string_view line, bool has_user_field);

// All of the above, most severe first (and within a severity: SSH, accounts, keys, then what came in),
// plus what was checked.
AuditReport run_audit_rules(const AuditInputs& in);

}  // namespace ctguard
