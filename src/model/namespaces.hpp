#pragma once
// Every network namespace on the machine and its conntrack table (status --all-netns, check).
// Each namespace has its own count, and every one is held against the one host-wide
// nf_conntrack_max: a container can fill its table while the host's looks quiet.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/level.hpp"
#include "model/table_stats.hpp"

namespace ctguard {

// A namespace as discovered: how its owner knows it, and how to open it.
struct NamespaceInfo {
    std::string name;       // the `ip netns` name, the container, or "pid:N(comm)"
    std::string kind;       // "netns", "docker", "podman", "lxc", "nspawn", "k8s" or "process"
    std::string container;  // the container's id or name; "" when it is not a container's
    std::string path;       // what opens it: /run/netns/NAME or /proc/PID/ns/net
    std::string arg;        // what `--netns` takes to enter it: NAME, a path, or pid:N
    uint64_t dev = 0, inode = 0;  // the nsfs inode: one namespace, however many names and processes
    std::vector<int> pids;  // processes in it, lowest first (at most kNamespacePids)
};
inline constexpr size_t kNamespacePids = 16;

// Its table, read once. `stats` is nullopt when it could not be read (`note` says why).
struct NamespaceTable {
    NamespaceInfo ns;
    std::optional<TableStats> stats;
    Level level = Level::ok;
    std::string note;
};

struct NamespacesReport {
    std::vector<NamespaceTable> namespaces;  // every other namespace, fullest first
    std::vector<std::string> notes;          // namespaces skipped (vanished mid-read) and why
};

}  // namespace ctguard
