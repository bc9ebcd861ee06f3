#pragma once
// Processes that replace each other: the same program restarting under new names, as XOR.DDoS
// does every few seconds. Instances are linked when they run the same binary (sha256), or sit in
// the same directory and are related (parent and child, or siblings) or talk to the same
// destinations. A linked set with at least two instances and two names is a rotating group.
// Binaries owned by an installed package take no part: busybox applets or systemd's "(sd-pam)"
// child have many names for one package binary, and that is not malware rotating.
#include <vector>

#include "analysis/name_model.hpp"
#include "model/process.hpp"

namespace ctguard {

// Sets `group` on the members of each group found and returns the groups, largest first.
// Suspicion (reasons, suspicious) is left to the caller, who has scored the members.
std::vector<RotatingGroup> find_rotating_groups(std::vector<ProcessReport>& processes);

// Names of an instance: every comm it had, then its binary's name unless that is the same program
// (python3 for python3.11), without duplicates.
std::vector<std::string> instance_names(const ProcessReport& p);

}  // namespace ctguard

namespace ctguard {

// After the members were assessed: each group's suspicion and reasons.
void judge_groups(std::vector<RotatingGroup>& groups, const std::vector<ProcessReport>& processes,
                  const NameModel& model);

}  // namespace ctguard
