#pragma once
// Parses the daemon's TOML configuration into model/daemon_config.hpp's types, validating all of it
// so every mistake is reported with its line and key before the daemon starts.
#include <string>
#include <string_view>

#include "lib/result.hpp"
#include "model/daemon_config.hpp"

namespace ctguard {

// `source` names the file in messages ("FILE:LINE: KEY: WHY", exit 64).
Result<DaemonConfig> parse_daemon_config(std::string_view text, const std::string& source);

}  // namespace ctguard
