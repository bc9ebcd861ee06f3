#include "collect/drops_collect.hpp"

#include "analysis/drops.hpp"
#include "host/kernel_log.hpp"

namespace ctguard {

DropReport read_drop_facts(const RootDir& root) {
    DropReport r;
    auto log = read_kernel_log(root, kConntrackLogMark);
    if (log) {
        r.log_read = true;
        r.log = conntrack_log_events(*log);
    } else {
        r.log_note = log.error().what + ": " + log.error().why;
    }
    r.uptime = read_uptime(root);
    r.guest = detect_guest(read_virt_facts(root));
    return r;
}

DropReport collect_drops(const RootDir& root, const std::optional<CpuStats>& before, const CpuStats& after,
                         double interval) {
    return finish_drop_report(read_drop_facts(root), before, after, interval);
}

}  // namespace ctguard
