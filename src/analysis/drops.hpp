#pragma once
// Why packets drop, in plain words: counter deltas, kernel log lines, and what a cap can do in a guest.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/drops.hpp"
#include "model/table_stats.hpp"

namespace ctguard {

// The drop counters that moved from `before` to `after` (a counter that went backwards, after a
// CPU went offline, counts as 0), worst first, each with its meaning.
std::vector<DropCause> explain_drops(const CpuStats& before, const CpuStats& after);

// One /dev/kmsg record: "PRIORITY,SEQUENCE,MICROSECONDS,FLAGS[,...];MESSAGE". nullopt for anything
// else (continuation lines start with a space).
struct KmsgRecord {
    uint64_t seq = 0;
    uint64_t usec = 0;  // since boot
    std::string_view message;
};
std::optional<KmsgRecord> parse_kmsg_record(std::string_view line);

// Counts the conntrack lines among `records` (one per line of /dev/kmsg, or of a saved copy).
std::vector<KernelLogEvent> conntrack_log_events(const std::vector<std::string>& records);

// The hypervisor, from what the host shows of itself: DMI vendor and product names, the CPU's
// "hypervisor" flag, /sys/hypervisor/type (Xen). nullopt on bare metal (or when nothing says).
std::optional<std::string> detect_guest(const VirtFacts& f);

// The sentences status and check print: each moved counter and the log's counts.
std::vector<std::string> drop_sentences(const DropReport& r);
// In a guest, what a cap inside it does for the provider's count; "" on bare metal.
std::string guest_sentence(const DropReport& r);

}  // namespace ctguard
