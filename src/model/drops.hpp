#pragma once
// Why packets drop: the kernel's per-CPU counters over an interval, its log, and whether this host
// is a virtual machine. Plain values; analysis/drops.hpp decides what they mean.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ctguard {

// One per-CPU counter that moved, and what that means.
struct DropCause {
    std::string counter;  // early_drop | drop | insert_failed | clash_resolve | chaintoolong
    uint64_t count = 0;   // over the interval (or since boot)
    std::string meaning;
};

// Kernel log lines about the table: "nf_conntrack: table full, dropping packet" and
// "nf_conntrack: falling back to vmalloc", counted, with the first and last time.
struct KernelLogEvent {
    std::string kind;  // table_full | vmalloc
    uint64_t count = 0;
    double first = 0, last = 0;  // seconds since boot (the log's own clock)
};

// What the host shows of itself that names a hypervisor.
struct VirtFacts {
    std::string sys_vendor, product_name, board_vendor;  // /sys/class/dmi/id/*
    bool cpu_hypervisor_flag = false;                     // "hypervisor" in /proc/cpuinfo flags
    std::string hypervisor_type;                          // /sys/hypervisor/type
};

struct DropReport {
    double interval = 0;  // seconds the counters were compared over; 0: totals since boot
    std::vector<DropCause> causes;
    bool log_read = false;   // the kernel log could be read
    std::string log_note;    // why not, when it could not
    std::vector<KernelLogEvent> log;
    double uptime = 0;                 // seconds since boot when the log was read (to say "N s ago")
    std::optional<std::string> guest;  // the hypervisor when this host is a virtual machine
    std::vector<std::string> sentences;  // what the renderers print (analysis/drops: drop_sentences)
    std::string guest_sentence;          // and, in a guest, this one ("" on bare metal)
};

}  // namespace ctguard
