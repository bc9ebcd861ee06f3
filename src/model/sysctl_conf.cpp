#include "model/sysctl_conf.hpp"

namespace ctguard {

SysctlKey conntrack_max_key() {
    // net.nf_conntrack_max is the same variable, kept for old scripts (init namespace only).
    return {"net.netfilter.nf_conntrack_max", {"net/netfilter/nf_conntrack_max", "net/nf_conntrack_max"}};
}

SysctlKey conntrack_buckets_key() {
    return {"net.netfilter.nf_conntrack_buckets", {"net/netfilter/nf_conntrack_buckets"}};
}

}  // namespace ctguard
