#pragma once
// `ctguard daemon --check-config`: what the daemon will do with a valid configuration.
#include <string>

#include "model/daemon_config.hpp"

namespace ctguard {

std::string config_summary_text(const DaemonConfig& c, const std::string& path);

}  // namespace ctguard
