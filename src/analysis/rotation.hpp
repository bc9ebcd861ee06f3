#pragma once
// Processes that replace each other under changing names, as XOR.DDoS does every few seconds. Only
// evidence that names change over time links two instances:
//   - they run one binary (the same sha256), or
//   - one replaced the other while we watched: an exec (same pid and start time) or a child started
//     by a parent that then exited, running a binary of another name.
// A linked set is a rotating group when it shows one binary under two or more names, or a chain
// through three or more names; names where one starts the other ("ctguard", "ctguard-old") count once. Siblings that merely share a parent or a directory are never linked:
// every systemd service has parent 1, and /usr/local/bin holds many unrelated programs.
// Binaries owned by an installed package take no part: busybox applets or systemd's "(sd-pam)"
// child have many names for one package binary, and that is not malware rotating.
#include <vector>

#include "model/process.hpp"

namespace ctguard {

// Sets `group` on the members of each group found and returns the groups, largest first.
// Suspicion (reasons, suspicious) is left to the caller, who has scored the members.
std::vector<RotatingGroup> find_rotating_groups(std::vector<ProcessReport>& processes);

// Names of an instance: every comm it had, then its binary's name unless that is the same program
// (python3 for python3.11), without duplicates.
std::vector<std::string> instance_names(const ProcessReport& p);

// After the members were assessed: each group's suspicion (any member suspicious) and reasons.
void judge_groups(std::vector<RotatingGroup>& groups, const std::vector<ProcessReport>& processes);

}  // namespace ctguard
