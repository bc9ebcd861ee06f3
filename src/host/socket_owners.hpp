#pragma once
// Which process holds which socket: one pass over /proc/*/fd, the way nethogs and ss -p do it.
#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "lib/root_dir.hpp"
#include "model/process.hpp"

namespace ctguard {

// "socket:[12345]" (the fd link text of a socket) -> 12345; 0 for anything else.
uint64_t parse_socket_link(std::string_view link);

// Scans /proc/PID/fd of every pid in `pids`.
SocketOwners scan_socket_owners(const RootDir& root, const std::vector<int>& pids);

}  // namespace ctguard
