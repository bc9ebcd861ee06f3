#pragma once
// Acting on processes: signals, and a copy of a running binary kept as evidence.
#include <string>

#include "lib/result.hpp"
#include "lib/root_dir.hpp"

namespace ctguard {

// kill(2); a process that is already gone (ESRCH) is not an error.
Result<void> send_signal(int pid, int sig);
// The running binary's bytes through /proc/PID/exe (works after the file was deleted).
Result<std::string> read_running_binary(const RootDir& root, int pid);

}  // namespace ctguard
