#pragma once
// One [[tenant]] table: its source of entries (netns, zone, mark or cidr), name and thresholds.
#include "config/toml_reader.hpp"
#include "model/daemon_config.hpp"

namespace ctguard {

// `prefix` is "tenant[N]."; thresholds not written here come from `defaults` ([thresholds]).
Result<TenantSpec> read_tenant(const TomlReader& r, const toml::table& t, const std::string& prefix,
                               const DaemonConfig& defaults);

}  // namespace ctguard
