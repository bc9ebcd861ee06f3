#include "collect/process_pin.hpp"

#include "analysis/kill_target.hpp"
#include "host/process_control.hpp"
#include "host/process_reader.hpp"

namespace ctguard {

Result<std::optional<UniqueFd>> pin_judged(const RootDir& root, const ProcessInfo& judged, std::string& refusal) {
    auto fd = open_pidfd(judged.pid);
    if (!fd) return fd.error();
    std::optional<uint64_t> now;
    if (*fd) now = read_start_ticks(root, judged.pid);
    refusal = kill_refusal(judged.pid, judged.start_ticks, now);
    if (!refusal.empty()) return std::optional<UniqueFd>();
    return fd;
}

}  // namespace ctguard
