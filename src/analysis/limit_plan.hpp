#pragma once
// Which files `limit set --persist` and `limit timeouts --persist` write, and what stays wrong.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/file_change.hpp"
#include "model/sysctl_conf.hpp"

namespace ctguard {

// ctguard's sysctl file: "99-zz" sorts after every usual name (Debian's 99-sysctl.conf included), so
// its values win at boot; a file that still sorts later is reported as a conflict.
inline constexpr std::string_view kCtguardSysctlFile = "/etc/sysctl.d/99-zz-ctguard.conf";
inline constexpr std::string_view kCtguardModulesLoadFile = "/etc/modules-load.d/ctguard.conf";
inline constexpr std::string_view kCtguardModprobeFile = "/etc/modprobe.d/99-ctguard.conf";

struct PersistRequest {
    std::vector<std::pair<SysctlKey, uint64_t>> values;
    bool load_module = false;          // add nf_conntrack to modules-load.d
    std::optional<uint64_t> hashsize;  // "options nf_conntrack hashsize=H" in modprobe.d
    bool fix_conflicts = false;
};

// The current content of ctguard's own module files (nullopt: absent).
struct ModuleFiles {
    std::optional<std::string> modules_load, modprobe;
};

struct PersistPlan {
    std::vector<FileChange> changes;        // only files whose content changes
    SysctlConfig after;                     // the sysctl files once the changes are made
    std::vector<SysctlConflict> conflicts;  // what is still wrong afterwards
};

PersistPlan plan_persist(const SysctlConfig& config, const PersistRequest& req, const ModuleFiles& modules);

// Legacy keys anywhere, plus key_conflicts() for each key with ctguard's file as the reference.
std::vector<SysctlConflict> config_conflicts(const SysctlConfig& config, const std::vector<SysctlKey>& keys);

}  // namespace ctguard
