#pragma once
// Who installed a binary, asked of the package database of the filesystem the process sees: the
// host's, or a container's own under /proc/PID/root (dpkg's, else Alpine's apk database). A binary a
// container runs is never judged by the host's database, which cannot know it.
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "lib/root_dir.hpp"

namespace ctguard {

struct PackageOwner {
    std::optional<bool> owned;  // nullopt: no database we can read there
    std::string package;        // "openssh-server", or a snap's name
    std::string db;             // "dpkg", "apk", "snap"
};

// apk's /lib/apk/db/installed: "P:NAME" starts a package, "F:DIR" a directory (no leading '/'),
// "R:FILE" a file in it. Returns {package, absolute path} pairs.
std::vector<std::pair<std::string, std::string>> parse_apk_installed(std::string_view text);

// Owners of `paths` (as the process sees them) in the database under `fs`; `label` prefixes the db
// name ("container " for a container's). Paths under /snap/NAME/ belong to the snap NAME.
std::map<std::string, PackageOwner> find_package_owners(const RootDir& fs, const std::set<std::string>& paths,
                                                        std::string_view label);

}  // namespace ctguard
