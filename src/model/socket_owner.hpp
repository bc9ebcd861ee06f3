#pragma once
// A local process and how many internet sockets it holds (host evidence: who opens the flows).
#include <cstdint>
#include <string>

namespace ctguard {

struct SocketOwner {
    int pid = 0;
    std::string comm;  // /proc/PID/comm
    std::string exe;   // /proc/PID/exe target, "" when unreadable
    uint64_t sockets = 0;
};

}  // namespace ctguard
