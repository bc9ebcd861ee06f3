#pragma once
// What a live table (collect/live_table.hpp) says about itself: its size, the event rates and when
// it last had to re-read the kernel's table.
#include <cstdint>
#include <string>

namespace ctguard {

struct LiveTableInfo {
    uint64_t entries = 0;             // entries held now
    uint64_t created_per_s = 0;       // created events in the last complete second
    uint64_t destroyed_per_s = 0;     // destroyed events in the last complete second
    uint64_t events = 0;              // events applied since the start
    uint64_t malformed = 0;           // event messages that failed validation (skipped)
    uint64_t resyncs = 0;             // dumps after the first one (overruns, impossible sizes)
    double synced_at = 0;             // wall clock of the last dump's end
    double sync_seconds = 0;          // how long that dump took
    std::string sync_reason;          // why: "start", "overrun", "too many entries", "stale entries", "retry"
    uint64_t memory_bytes = 0;        // what the entries and their index hold
};

// How fresh an answer from a live table is: what its footer says.
struct LiveSync {
    uint64_t ago_s = 0;   // whole seconds since the table's last dump
    std::string reason;   // why that dump: LiveTableInfo::sync_reason
    uint64_t resyncs = 0;
};

}  // namespace ctguard
