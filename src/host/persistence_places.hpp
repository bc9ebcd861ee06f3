#pragma once
// Where malware makes itself start again after a kill or a reboot, and which of those files
// mention a given binary or name (XOR.DDoS, for one, writes /etc/init.d/NAME and a cron.hourly job).
#include <string>
#include <vector>

#include "lib/root_dir.hpp"

namespace ctguard {

// The places, as absolute paths (directories end with '/').
const std::vector<std::string>& persistence_places();

struct PersistenceHit {
    std::string file;     // absolute path as the host sees it (without --root)
    std::string mention;  // the needle found in it
};

// Files directly in the places (not recursive; at most 1 MiB each) that contain any needle.
std::vector<PersistenceHit> find_persistence(const RootDir& root, const std::vector<std::string>& needles);

}  // namespace ctguard
