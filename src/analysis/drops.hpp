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

// What every conntrack line of the kernel log contains: readers keep only those records.
inline constexpr std::string_view kConntrackLogMark = "nf_conntrack: ";
// Counts the conntrack lines among `records` (one per line of /dev/kmsg, or of a saved copy).
std::vector<KernelLogEvent> conntrack_log_events(const std::vector<std::string>& records);
// Whether the log can say anything about this table: its "table full" line comes with a drop counted
// in the table that filled, so a table whose drop counter is 0 since boot has no line there (what
// there is comes from other namespaces, or is a resize's "falling back to vmalloc").
bool log_can_explain(const CpuStats& since_boot);
// Adds the counts of a later stretch of the log (the daemon follows it) to those of the earlier.
void add_log_events(std::vector<KernelLogEvent>& into, const std::vector<KernelLogEvent>& later);

// Completes a report whose log and machine facts are filled in (log_read, log_note, log, uptime,
// guest) with the counters that moved from `before` to `after` (totals since boot without `before`)
// and the sentences.
DropReport finish_drop_report(DropReport facts, const std::optional<CpuStats>& before, const CpuStats& after,
                              double interval);

// The hypervisor, from what the host shows of itself: DMI vendor and product names, the CPU's
// "hypervisor" flag, /sys/hypervisor/type (Xen). nullopt on bare metal (or when nothing says).
std::optional<std::string> detect_guest(const VirtFacts& f);

// The sentences status and check print: each moved counter and the log's counts.
std::vector<std::string> drop_sentences(const DropReport& r);
// In a guest, what a cap inside it does for the provider's count; "" on bare metal.
std::string guest_sentence(const DropReport& r);

}  // namespace ctguard
