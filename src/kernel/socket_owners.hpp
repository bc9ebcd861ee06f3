#pragma once
// Which process holds which socket: one pass over /proc/*/fd, the way nethogs and ss -p do it.
#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "kernel/root_dir.hpp"

namespace ctguard {

struct SocketOwners {
    // Socket inode -> holder. A socket shared across fork() has several; the lowest pid (usually
    // the parent that opened it) stands for all of them.
    std::unordered_map<uint64_t, int> holder;
    uint64_t unreadable = 0;  // processes whose fd directory we may not read (not root)
};

// "socket:[12345]" (the fd link text of a socket) -> 12345; 0 for anything else.
uint64_t parse_socket_link(std::string_view link);

// Scans /proc/PID/fd of every pid in `pids`.
SocketOwners scan_socket_owners(const RootDir& root, const std::vector<int>& pids);

}  // namespace ctguard
