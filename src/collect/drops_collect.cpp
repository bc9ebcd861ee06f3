#include "collect/drops_collect.hpp"

#include "analysis/drops.hpp"
#include "host/kernel_log.hpp"

namespace ctguard {

DropReport collect_drops(const RootDir& root, const std::optional<CpuStats>& before, const CpuStats& after,
                         double interval) {
    DropReport r;
    r.interval = before ? interval : 0;
    r.causes = explain_drops(before.value_or(CpuStats{}), after);
    auto log = read_kernel_log(root);
    if (log) {
        r.log_read = true;
        r.log = conntrack_log_events(*log);
    } else {
        r.log_note = log.error().what + ": " + log.error().why;
    }
    r.uptime = read_uptime(root);
    r.guest = detect_guest(read_virt_facts(root));
    r.sentences = drop_sentences(r);
    r.guest_sentence = guest_sentence(r);
    return r;
}

}  // namespace ctguard
