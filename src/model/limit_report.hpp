#pragma once
// What `ctguard limit` knows about nf_conntrack_max: live figures, what the boot will apply, problems.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/file_change.hpp"
#include "model/level.hpp"
#include "model/sysctl_conf.hpp"

namespace ctguard {

// Is nf_conntrack there before systemd-sysctl.service applies sysctl.d? Otherwise its sysctls do not
// exist yet and the persisted values are lost.
struct ModuleAtBoot {
    bool builtin = false;   // compiled into the kernel
    std::string listed_in;  // the modules-load.d file that loads it (or a module that needs it), if any
    bool early() const { return builtin || !listed_in.empty(); }
};

struct PersistedValue {
    std::string file;  // as the reader lists it
    unsigned line = 0;
    uint64_t value = 0;
};

// The kernel's hash bucket head (struct hlist_nulls_head): one pointer.
inline constexpr uint64_t kBucketBytes = 8;

struct LimitReport {
    uint64_t max = 0, count = 0, buckets = 0;
    bool host_only = false;                // nf_conntrack_max is read-only here: a non-initial netns
    std::optional<uint64_t> object_size;   // bytes per entry, from /proc/slabinfo (root only)
    std::optional<PersistedValue> boot;    // what systemd-sysctl applies at boot
    std::optional<PersistedValue> system;  // what `sysctl --system` applies
    ModuleAtBoot module;
    std::map<std::string, uint64_t> timeouts;  // live values of the timeouts timeout_advice() judges
    std::vector<SysctlConflict> conflicts;
    std::vector<std::string> recommendations;
    Thresholds thresholds;

    // The most the table can take: full table of entries plus the bucket array.
    std::optional<uint64_t> memory_at_max() const {
        if (!object_size) return std::nullopt;
        return max * *object_size + buckets * kBucketBytes;
    }
};

// One row of `ctguard limit timeouts`.
struct TimeoutRow {
    std::string name;                     // "tcp_timeout_established"
    std::string key;                      // "net.netfilter.nf_conntrack_tcp_timeout_established"
    std::optional<uint64_t> value;        // live; nullopt when this kernel lacks it (module not loaded)
    std::optional<PersistedValue> boot;   // what the boot applies
    std::optional<uint64_t> recommended;  // when the value is extreme
};

// What `limit set` / `limit timeouts --set` did (or, with --dry-run, would do).
struct LiveChange {
    std::string what;  // "net.netfilter.nf_conntrack_max", "hashsize"
    std::optional<uint64_t> before;
    uint64_t after = 0;
};

struct ApplyReport {
    bool dry_run = false;
    std::vector<LiveChange> live;           // kernel values set now
    std::vector<FileChange> files;          // files written
    std::vector<SysctlConflict> conflicts;  // still wrong afterwards
    std::vector<std::string> notes;         // warnings, and how the values reach the next boot
};

}  // namespace ctguard
