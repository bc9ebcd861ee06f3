#pragma once
// Table-wide figures: how full the table is and what the kernel's per-CPU counters say.
#include <cstdint>
#include <string>

namespace ctguard {

// Sum over CPUs of the counters the kernel still maintains (struct ip_conntrack_stat).
struct CpuStats {
    uint64_t found = 0, invalid = 0, insert = 0, insert_failed = 0, drop = 0, early_drop = 0, error = 0,
             search_restart = 0, clash_resolve = 0, chain_toolong = 0;
    unsigned cpus = 0;
};

enum class Source { netlink, proc };
inline const char* source_name(Source s) {
    return s == Source::netlink ? "netlink" : "proc";
}

struct TableStats {
    uint64_t count = 0;
    uint64_t max = 0;      // nf_conntrack_max
    uint64_t buckets = 0;  // nf_conntrack_buckets (hashsize)
    CpuStats stats;
    bool have_stats = false;
    Source source = Source::netlink;

    double usage() const { return max == 0 ? 0.0 : static_cast<double>(count) / static_cast<double>(max); }
};

}  // namespace ctguard
