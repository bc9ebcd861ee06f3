#pragma once
// What a command adds when the daemon's live table answered it (docs/CLI.md "The daemon's socket"):
// a footer line and a "live" JSON object.
#include <nlohmann/json.hpp>
#include <string>

#include "model/live_table.hpp"

namespace ctguard {

// {"entries", "created_per_s", "destroyed_per_s", "events", "resyncs", "synced_at", "synced_ago_s",
//  "sync_reason", "memory_bytes"}; `now` is the wall clock.
nlohmann::json live_json(const LiveTableInfo& info, double now);
LiveSync live_sync(const LiveTableInfo& info, double now);
// "from the daemon's live table, resynced 12 s ago (overrun; 3 resyncs so far)\n"
std::string live_footer(const LiveSync& sync);

}  // namespace ctguard
