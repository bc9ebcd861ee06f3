#include "collect/limit_collect.hpp"

#include "analysis/limit_advice.hpp"
#include "analysis/limit_plan.hpp"
#include "host/config_files.hpp"
#include "model/conntrack_timeouts.hpp"
#include "netfilter/conntrack_module.hpp"
#include "netfilter/slabinfo.hpp"
#include "netfilter/sysctl.hpp"

namespace ctguard {

Result<LimitReport> collect_limit(const RootDir& root, const TableStats& stats, const Thresholds& t) {
    auto config = read_sysctl_config(root);
    if (!config) return config.error();
    auto module = read_module_at_boot(root);
    if (!module) return module.error();

    LimitReport r;
    r.thresholds = t;
    r.max = stats.max;
    r.count = stats.count;
    r.buckets = stats.buckets;
    const SysctlKey key = conntrack_max_key();
    r.host_only = sysctl_read_only(root, key.dotted);
    r.object_size = read_slab_object_size(root, "nf_conntrack");
    r.boot = persisted_value(*config, key, SysctlReader::boot);
    r.system = persisted_value(*config, key, SysctlReader::system);
    r.module = *module;
    for (const auto& a : timeout_advice()) {
        if (auto v = read_sysctl_u64(root, timeout_key(a.name).dotted)) r.timeouts.emplace(a.name, *v);
    }
    r.conflicts = config_conflicts(*config, {key});
    auto runtime = runtime_conflicts(r);
    r.conflicts.insert(r.conflicts.end(), runtime.begin(), runtime.end());
    r.recommendations = limit_recommendations(r);
    return r;
}

}  // namespace ctguard
