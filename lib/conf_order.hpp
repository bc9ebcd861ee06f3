#pragma once
// The order in which systemd (sysctl.d, modules-load.d) and procps read drop-in directories.
#include <string>
#include <string_view>
#include <vector>

namespace ctguard {

// One drop-in directory and the names of the entries in it.
struct ConfDir {
    std::string dir;
    std::vector<std::string> names;
};

// systemd's conf_files_list() (and procps `sysctl --system`): the NAME.conf files of `dirs`, given in
// priority order; a name in an earlier directory masks the same name in later ones; the result is
// sorted by name (byte order), whatever directory each file comes from. Returns full paths.
std::vector<std::string> merge_conf_dirs(const std::vector<ConfDir>& dirs, std::string_view suffix = ".conf");

}  // namespace ctguard
