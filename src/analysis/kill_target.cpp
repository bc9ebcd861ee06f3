#include "analysis/kill_target.hpp"

#include <fmt/format.h>

namespace ctguard {

std::string kill_refusal(int pid, uint64_t judged_start_ticks, std::optional<uint64_t> start_ticks_now) {
    if (!start_ticks_now) return fmt::format("pid {}: not signalled: it exited after it was judged", pid);
    if (*start_ticks_now != judged_start_ticks) {
        return fmt::format(
            "pid {}: not signalled: another process has this pid now (started at tick {}, the judged one at "
            "tick {})",
            pid, *start_ticks_now, judged_start_ticks);
    }
    return "";
}

}  // namespace ctguard
