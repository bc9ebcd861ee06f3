#pragma once
// What `top --live` shows at one refresh: the table's figures and rates, and the largest groups with
// how fast each one moves. Made by analysis/live_top, drawn by report/live_top_render.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/level.hpp"
#include "model/top.hpp"

namespace ctguard {

struct LiveTopRow {
    GroupValues values;
    uint64_t count = 0;
    double per_second = 0;  // change of count since the previous refresh (a new group: all of it)
};

struct LiveTopFrame {
    uint64_t count = 0, max = 0;  // the kernel's count and nf_conntrack_max
    Level level = Level::ok;
    double new_per_second = 0, destroyed_per_second = 0;
    std::vector<double> new_history;  // new entries per second, one per refresh, oldest first
    double drop_per_second = 0, early_drop_per_second = 0, insert_failed_per_second = 0;
    std::optional<double> seconds_to_full;  // while growing
    uint64_t resyncs = 0;                   // dumps after an event overrun
    std::optional<double> resynced_ago;     // seconds since the last one

    std::vector<TopKey> by;
    uint64_t total = 0;  // entries that pass the filter
    uint64_t groups = 0;
    std::vector<LiveTopRow> rows;  // largest first
    uint64_t other = 0;            // entries in groups beyond the rows
};

// The screen's state, changed by analysis/live_top's handle_key.
enum class LiveAction { flush, cap, stop };
enum class UiMode { browse, help, filter, confirm };

struct PendingAction {
    LiveAction action = LiveAction::flush;
    std::string what;               // "flush the 1,234 entries of 198.18.0.5"
    std::vector<std::string> argv;  // exactly what runs, argv[0] being "ctguard"
};

struct LiveUi {
    std::vector<TopKey> by{TopKey::src};
    std::string filter;  // the applied filter, in the flags' syntax ("--dport 443 --state SYN_SENT")
    bool paused = false;
    UiMode mode = UiMode::browse;
    std::string edit;     // the filter being typed
    size_t selected = 0;  // index into the frame's rows
    std::optional<PendingAction> pending;
    std::string message;  // one line: a refused filter, a cancelled or finished action
};

}  // namespace ctguard
