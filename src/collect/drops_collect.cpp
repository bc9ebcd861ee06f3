#include "collect/drops_collect.hpp"

#include "analysis/drops.hpp"
#include "host/kernel_log.hpp"

namespace ctguard {

DropReport read_drop_facts(const RootDir& root, bool with_log) {
    DropReport r;
    r.uptime = read_uptime(root);
    r.guest = detect_guest(read_virt_facts(root));
    if (!with_log) {
        r.log_note = "not read: this table has dropped no packet since boot, so no line there is about it";
        return r;
    }
    auto log = read_kernel_log(root, kConntrackLogMark);
    if (log) {
        r.log_read = true;
        r.log = conntrack_log_events(*log);
    } else {
        r.log_note = log.error().what + ": " + log.error().why;
    }
    return r;
}

DropReport collect_drops(const RootDir& root, const std::optional<CpuStats>& before, const CpuStats& after,
                         double interval) {
    // Reading the whole log cost `status` about 1 ms (500 reads) of its 7; skipped where it cannot help.
    return finish_drop_report(read_drop_facts(root, log_can_explain(after)), before, after, interval);
}

}  // namespace ctguard
