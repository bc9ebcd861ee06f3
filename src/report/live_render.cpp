#include "report/live_render.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "lib/time_text.hpp"

namespace ctguard {

namespace {

// Whole seconds since the last dump; a clock stepped back shows 0, not a negative age.
uint64_t ago(const LiveTableInfo& info, double now) {
    return static_cast<uint64_t>(std::max(0.0, std::floor(now - info.synced_at)));
}

}  // namespace

nlohmann::json live_json(const LiveTableInfo& info, double now) {
    return {{"entries", info.entries},
            {"created_per_s", info.created_per_s},
            {"destroyed_per_s", info.destroyed_per_s},
            {"events", info.events},
            {"resyncs", info.resyncs},
            {"synced_at", format_rfc3339(info.synced_at)},
            {"synced_ago_s", ago(info, now)},
            {"sync_reason", info.sync_reason},
            {"memory_bytes", info.memory_bytes}};
}

std::string live_footer(const LiveTableInfo& info, double now) {
    return fmt::format("from the daemon's live table, resynced {} s ago ({} resync{} since it started)\n",
                       ago(info, now), info.resyncs, info.resyncs == 1 ? "" : "s");
}

}  // namespace ctguard
