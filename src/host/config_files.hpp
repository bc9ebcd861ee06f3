#pragma once
// Boot configuration files under --root: sysctl.d (as systemd-sysctl and `sysctl --system` find them),
// modules-load.d, and atomic writes of planned changes.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lib/result.hpp"
#include "lib/root_dir.hpp"
#include "model/file_change.hpp"
#include "model/limit_report.hpp"
#include "model/sysctl_conf.hpp"

namespace ctguard {

Result<SysctlConfig> read_sysctl_config(const RootDir& root);

// modules-load.d(5), highest priority first.
extern const std::vector<std::string> kModulesLoadDirs;
// The NAME.conf files of drop-in directories (highest priority first), in the order systemd reads them.
Result<std::vector<ConfFile>> read_dropins(const RootDir& root, const std::vector<std::string>& dirs);

// A whole configuration file; nullopt when it does not exist.
Result<std::optional<std::string>> read_config_file(const RootDir& root, std::string_view path);

// Creates missing parent directories, keeps a backup when asked (once), then writes the file
// atomically with the old file's mode (or removes it when `after` is empty).
Result<void> apply_file_change(const RootDir& root, const FileChange& change);
// apply_file_change for each, in order; stops at the first that fails.
Result<void> write_files(const RootDir& root, const std::vector<FileChange>& changes);

}  // namespace ctguard
