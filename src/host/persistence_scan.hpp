#pragma once
// Finds the start-up files, XOR.DDoS drop sites and system binaries the audit looks at (under --root),
// and asks dpkg which of them a package installed.
#include <string>
#include <vector>

#include "lib/root_dir.hpp"
#include "model/persistence.hpp"

namespace ctguard {

// The system binaries whose checksums are compared with dpkg's.
inline const std::vector<std::string> kWatchedBinaries = {"ps", "ss", "netstat", "top", "ls"};

// `homes`: home directories whose shell start-up files and user systemd units are read.
PersistenceScan scan_persistence(const RootDir& root, const std::vector<std::string>& homes,
                                 std::vector<std::string>& notes);

}  // namespace ctguard
