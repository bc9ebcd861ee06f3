#pragma once
// The audit's persistence rules (docs/commands.md lists every id).
#include <optional>
#include <string_view>
#include <vector>

#include "model/audit.hpp"

namespace ctguard {

// persist.* (cron, systemd, rc.local, init.d, ld.so.preload, shell start-up files), xorddos.*, binary.*.
std::vector<Finding> persistence_findings(const PersistenceScan& scan);

// A crontab line's command: after the five time fields (or an @keyword) and, in /etc/crontab and
// /etc/cron.d, the user field. nullopt for blank, comment and VAR=value lines.
//   */3 * * * * root /etc/cron.hourly/gcc.sh        @reboot /tmp/.x/run
std::optional<std::string_view> crontab_command(std::string_view line, bool has_user_field);

}  // namespace ctguard
