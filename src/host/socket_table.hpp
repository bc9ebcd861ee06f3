#pragma once
// The sockets of the current network namespace and their holders: sock_diag when the kernel
// answers, /proc/net otherwise (and always for a --root tree), plus /proc/*/fd for the holders.
#include <string>
#include <vector>

#include "host/socket_owners.hpp"
#include "lib/root_dir.hpp"
#include "model/process.hpp"

namespace ctguard {

struct SocketSnapshot {
    std::vector<SocketEntry> inet;  // TCP and UDP, both families
    std::vector<RawSocket> raw;     // raw and packet sockets
    SocketOwners owners;            // inode -> pid
    std::vector<int> pids;          // every pid seen by the scan
    std::string source;             // "sock_diag" or "proc"
};

SocketSnapshot collect_sockets(const RootDir& root);

}  // namespace ctguard
