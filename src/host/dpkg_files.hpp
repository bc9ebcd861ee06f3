#pragma once
// Which executables belong to an installed Debian package: dpkg's file lists,
// /var/lib/dpkg/info/PACKAGE[:ARCH].list, one absolute path per line.
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "lib/root_dir.hpp"

namespace ctguard {

// The subset of `paths` some package owns; nullopt when there is no dpkg database (not Debian),
// so callers can tell "not owned" from "cannot know". With merged /usr, a package may list
// /bin/sh while the kernel reports /usr/bin/sh: both spellings count.
std::optional<std::unordered_set<std::string>> owned_by_packages(const RootDir& root,
                                                                 const std::vector<std::string>& paths);

}  // namespace ctguard
