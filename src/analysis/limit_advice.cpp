#include "analysis/limit_advice.hpp"

#include <fmt/format.h>

#include "analysis/sysctl_conf.hpp"
#include "lib/text.hpp"
#include "model/conntrack_timeouts.hpp"

namespace ctguard {

namespace {

// Longer chains than this at a full table make every lookup walk a list.
constexpr uint64_t kMaxEntriesPerBucket = 4;

}  // namespace

std::optional<PersistedValue> persisted_value(const SysctlConfig& config, const SysctlKey& key,
                                              SysctlReader reader) {
    auto a = effective_assignment(config, key, reader);
    if (!a) return std::nullopt;
    auto v = parse_u64(a->line.value);
    if (!v) return std::nullopt;
    return PersistedValue{a->file->listed, a->line.number, *v};
}

std::vector<SysctlConflict> runtime_conflicts(const LimitReport& r) {
    std::vector<SysctlConflict> out;
    if (r.max < r.count) {
        out.push_back(
            {"/proc/sys/net/netfilter/nf_conntrack_max", 0, "net.netfilter.nf_conntrack_max", r.max,
             fmt::format("below the current count ({}): every new connection is dropped until entries "
                         "expire",
                         with_thousands(r.count)),
             false});
    }
    if (r.boot && r.boot->value < r.count) {
        out.push_back({r.boot->file, r.boot->line, "net.netfilter.nf_conntrack_max", r.boot->value,
                       fmt::format("below the current count ({}): after a reboot with today's load the table "
                                   "is full at once",
                                   with_thousands(r.count)),
                       false});
    }
    if (r.boot && !r.module.early()) {
        out.push_back({"/etc/modules-load.d", 0, "nf_conntrack", std::nullopt,
                       "nf_conntrack is a module nothing loads before systemd-sysctl.service: the persisted "
                       "nf_conntrack_max does not exist yet at that point and is lost at boot",
                       false});
    }
    return out;
}

uint64_t recommended_hashsize(uint64_t max) {
    return max;
}

std::vector<std::string> limit_recommendations(const LimitReport& r) {
    std::vector<std::string> out;
    const uint64_t target = r.max > r.thresholds.cap || r.max == 0 ? r.thresholds.cap : r.max;
    std::string persist_flags = " --persist";
    if (!r.conflicts.empty()) persist_flags += " --fix-conflicts";
    if (r.buckets > 0 && target > kMaxEntriesPerBucket * r.buckets) {
        persist_flags += fmt::format(" --hashsize {}", recommended_hashsize(target));
    }
    const std::string where = r.host_only ? " (on the host: this namespace cannot set it)" : "";

    if (r.max > r.thresholds.cap) {
        out.push_back(
            fmt::format("cap nf_conntrack_max at {} so the table never reaches the provider's "
                        "suspension line ({}){}. The cost: at the cap the kernel drops new connections "
                        "until entries expire, while existing ones keep working, a slow host instead of "
                        "a suspended one: ctguard limit set {}{}",
                        with_thousands(r.thresholds.cap), with_thousands(r.thresholds.suspend), where, target,
                        persist_flags));
    } else if (!r.boot || r.boot->value != r.max || !r.conflicts.empty()) {
        out.push_back(fmt::format("make {} the value the boot applies{}: ctguard limit set {}{}",
                                  with_thousands(target), where, target, persist_flags));
    }
    if (r.buckets > 0 && target > kMaxEntriesPerBucket * r.buckets) {
        out.push_back(fmt::format(
            "raise hashsize from {} to {}: at a full table each bucket chains {} entries "
            "(--hashsize in the command above)",
            with_thousands(r.buckets), with_thousands(recommended_hashsize(target)), target / r.buckets));
    }
    for (const auto& a : timeout_advice()) {
        auto it = r.timeouts.find(std::string(a.name));
        if (it == r.timeouts.end() || it->second <= a.extreme_above) continue;
        out.push_back(fmt::format(
            "shorten nf_conntrack_{} from {} s to {} s ({}): ctguard limit timeouts --set "
            "{}={} --persist",
            a.name, with_thousands(it->second), with_thousands(a.recommended), a.why, a.name, a.recommended));
    }
    return out;
}

}  // namespace ctguard
