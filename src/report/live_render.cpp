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

LiveSync live_sync(const LiveTableInfo& info, double now) {
    return {ago(info, now), info.sync_reason, info.resyncs};
}

std::string live_footer(const LiveSync& sync) {
    // "(start)" for the first dump; later ones say why and how many there were.
    return fmt::format("from the daemon's live table, resynced {} s ago ({}{})\n", sync.ago_s, sync.reason,
                       sync.resyncs == 0 ? "" : fmt::format("; {} resync{} so far", sync.resyncs,
                                                            sync.resyncs == 1 ? "" : "s"));
}

}  // namespace ctguard
