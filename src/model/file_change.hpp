#pragma once
// A planned change to one configuration file: computed in analysis/, shown as a diff by --dry-run,
// written atomically by kernel/config_files.
#include <optional>
#include <string>
#include <string_view>

namespace ctguard {

struct FileChange {
    std::string path;                   // absolute, without --root: the file written
    std::optional<std::string> before;  // nullopt: the file does not exist yet
    std::optional<std::string> after;   // nullopt: the file is removed
    bool backup = false;  // keep the old content as PATH.ctguard.bak (once: the oldest survives)
    std::string why;      // one line for the report
};

// Where the old content of PATH is kept.
inline std::string backup_path(std::string_view path) {
    return std::string(path) + ".ctguard.bak";
}

}  // namespace ctguard
