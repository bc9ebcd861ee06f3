#pragma once
// procs --kill GROUP --yes: stop every member (so none can respawn), keep the binary as evidence,
// then kill them, and say where the malware may have made itself persistent.
#include <string>

#include "lib/result.hpp"
#include "lib/root_dir.hpp"
#include "report/procs_render.hpp"

namespace ctguard {

struct KillRequest {
    std::string group;
    std::string evidence_dir;  // absolute; the group's own directory is made inside it
    bool yes = false;
};

Result<KillSummary> kill_group(const RootDir& root, const KillRequest& req);

}  // namespace ctguard
