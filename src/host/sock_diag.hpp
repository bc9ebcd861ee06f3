#pragma once
// TCP and UDP sockets over NETLINK_SOCK_DIAG (inet_diag, what ss(8) uses): IPv4 and IPv6, every state.
#include <vector>

#include "lib/result.hpp"
#include "model/process.hpp"

namespace ctguard {

// Sockets of the current network namespace. Sockets without an inode (TIME_WAIT and SYN_RECV
// mini-sockets) are left out: no process holds them.
Result<std::vector<SocketEntry>> dump_inet_sockets();

}  // namespace ctguard
