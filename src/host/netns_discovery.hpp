#pragma once
// Finds every network namespace in use: the names under /run/netns and Docker's
// /var/run/docker/netns, and the namespaces of every process (/proc/*/ns/net), deduplicated by
// nsfs inode, each named the way its owner knows it. The initial namespace (PID 1's) is left out.
#include <string>
#include <string_view>
#include <vector>

#include "lib/root_dir.hpp"
#include "model/namespaces.hpp"

namespace ctguard {

// The container a process belongs to, from its /proc/PID/cgroup: kind "docker" (docker-ID.scope,
// /docker/ID), "podman" (libpod-ID.scope), "lxc" (lxc.payload.NAME, /lxc/NAME), "nspawn"
// (machine-NAME.scope), "k8s" (kubepods ... podUID); kind "" when none. Ids are cut to 12 digits
// as `docker ps` shows them.
struct CgroupContainer {
    std::string kind, id;
};
CgroupContainer container_from_cgroup(std::string_view cgroup);

// Every namespace but the initial one and the caller's own.
std::vector<NamespaceInfo> discover_netns(const RootDir& root);
// Is the calling thread in the initial network namespace (PID 1's; when PID 1 cannot be looked at,
// any namespace that has no /run/netns name)? Only there is a check the host's view that owes the
// other namespaces a look.
bool in_initial_netns(const RootDir& root);

}  // namespace ctguard
