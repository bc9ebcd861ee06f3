#pragma once
// Which local processes hold the internet sockets of the calling thread's network namespace:
// host evidence when the table fills from inside (a compromised host opening flows).
#include <cstddef>
#include <vector>

#include "kernel/root_dir.hpp"
#include "lib/result.hpp"
#include "model/socket_owner.hpp"

namespace ctguard {

// The n processes with the most TCP, UDP and raw sockets (IPv4 and IPv6), most first. Processes whose
// /proc/PID/fd cannot be read (another user without CAP_SYS_PTRACE) are skipped.
Result<std::vector<SocketOwner>> top_socket_owners(const RootDir& root, size_t n);

}  // namespace ctguard
