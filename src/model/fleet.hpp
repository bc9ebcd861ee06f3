#pragma once
// What the daemon knows after one interval, per tenant: the input of every fleet output
// (Prometheus exposition, alerts, history). The daemon fills it; outputs only read it.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/level.hpp"
#include "model/table_stats.hpp"
#include "model/top.hpp"

namespace ctguard {

struct TenantState {
    std::string name;
    bool found = false;  // found by a netns glob or discovery, not listed by name
    bool up = true;  // false when this interval's collection failed (error says why)
    std::string error;
    uint64_t count = 0;
    uint64_t max = 0;
    Level level = Level::ok;
    Thresholds thresholds;
    CpuStats stats;
    bool have_stats = false;
    double growth_per_second = 0;           // entries per second, smoothed
    std::optional<double> seconds_to_full;  // at the current growth, until nf_conntrack_max
    std::vector<TopResult> top;             // bounded top-N groups (e.g. by src, dport), may be empty
};

struct FleetSnapshot {
    double ts = 0;  // seconds since the epoch, end of collection
    std::vector<TenantState> tenants;
    uint64_t suspicious_processes = 0;    // host only
    bool processes_scanned = false;       // whether suspicious_processes was measured (else not exported)
    double collect_duration_seconds = 0;  // the whole interval's collection
    uint64_t collect_errors_total = 0;    // since the daemon started
    // Conntrack lines of the kernel log since the daemon started, by kind (table_full, vmalloc);
    // nullopt when the log is not followed (then not exported).
    std::optional<std::map<std::string, uint64_t>> kernel_log_lines;
};

}  // namespace ctguard
