#pragma once
// procs --kill signals a process only while it is the instance that was judged. A pid is reused once
// its process has exited; the start time (stat field 22, clock ticks after boot) tells the two apart.
#include <cstdint>
#include <optional>
#include <string>

namespace ctguard {

// Why pid must not be signalled, given the start time it had when it was judged and the one read now
// (after a pidfd was opened for it; nullopt: it is gone). Empty when it is the same process.
std::string kill_refusal(int pid, uint64_t judged_start_ticks, std::optional<uint64_t> start_ticks_now);

}  // namespace ctguard
