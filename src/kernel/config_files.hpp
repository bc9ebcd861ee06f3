#pragma once
// Boot configuration files under --root: sysctl.d (as systemd-sysctl and `sysctl --system` find them),
// modules-load.d, and atomic writes of planned changes.
#include <optional>
#include <string>
#include <string_view>

#include "kernel/root_dir.hpp"
#include "lib/result.hpp"
#include "model/file_change.hpp"
#include "model/limit_report.hpp"
#include "model/sysctl_conf.hpp"

namespace ctguard {

Result<SysctlConfig> read_sysctl_config(const RootDir& root);

// Whether nf_conntrack is in the kernel before systemd-sysctl runs (built in, or loaded by modules-load.d).
Result<ModuleAtBoot> read_module_at_boot(const RootDir& root);

// A whole configuration file; nullopt when it does not exist.
Result<std::optional<std::string>> read_config_file(const RootDir& root, std::string_view path);

// Creates missing parent directories, keeps a backup when asked (once), then writes the file
// atomically with the old file's mode (or removes it when `after` is empty).
Result<void> apply_file_change(const RootDir& root, const FileChange& change);

}  // namespace ctguard
