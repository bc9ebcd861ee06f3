#pragma once
// Acting on processes: signals through pidfds, and a copy of a running binary kept as evidence.
#include <sys/types.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "lib/result.hpp"
#include "lib/unique_fd.hpp"

namespace ctguard {

// pidfd_open(2) (Linux 5.3): a handle on the process that has `pid` now. Signals sent through it reach
// that process or nobody, never a later one given the same pid. nullopt when no process has the pid.
Result<std::optional<UniqueFd>> open_pidfd(int pid);
// pidfd_send_signal(2); a process that is already gone (ESRCH) is not an error.
Result<void> signal_pidfd(const UniqueFd& pidfd, int pid, int sig);
// Waits until every process behind `pidfds` has exited (their pidfds poll readable), at most
// `timeout_ms`; false when some still run.
bool wait_exited(const std::vector<const UniqueFd*>& pidfds, int timeout_ms);

// The running binary (/proc/PID/exe works after the file was deleted), opened for reading; its
// (dev, inode) tells copies of one binary apart from distinct ones.
struct RunningBinary {
    UniqueFd fd;
    dev_t dev = 0;
    ino_t inode = 0;
    uint64_t size = 0;
};
Result<RunningBinary> open_running_binary(int pid);

// A copy of a binary, hashed as it was written. `cut`: only the first max_bytes were kept.
struct BinaryCopy {
    std::string name;    // "<sha256>.bin", or "<sha256 of the prefix>.first-<N>MiB.bin" when cut
    std::string sha256;  // of what was kept
    uint64_t kept = 0, size = 0;
    bool cut = false;
};
// Streams `from` into a new file in the directory `dir_fd` (`shown_dir` names it in errors), at most
// max_bytes: a binary on a 1 TB sparse file is neither read whole into memory nor copied whole.
Result<BinaryCopy> copy_binary(RunningBinary& from, int dir_fd, const std::string& shown_dir, uint64_t max_bytes);

}  // namespace ctguard
