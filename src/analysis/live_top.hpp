#pragma once
// `top --live` decided without a terminal: the rates behind the header, the per-group change, and
// the screen's state machine (which key groups, which filter, paused, the selected row, and the
// action waiting for its confirmation). The ncurses edge (cli/top_live.cpp) only reads keys, calls
// these, and draws what report/live_top_render lays out.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "analysis/growth.hpp"
#include "lib/result.hpp"
#include "model/level.hpp"
#include "model/namespaces.hpp"
#include "model/live_top.hpp"
#include "model/table_stats.hpp"
#include "model/top.hpp"

namespace ctguard {

// One look at the table's O(1) figures, taken at each refresh.
struct LiveSample {
    double at = 0;  // monotonic seconds
    uint64_t count = 0, max = 0;
    std::optional<CpuStats> cpu;  // the kernel's counters (drop, early_drop, insert_failed)
};

// The header's table figures from successive samples: the level, the kernel's drop counters as
// rates over the last refresh, and the time to full while the table grows. (New and destroyed
// entries per second come from the live table's own event counts.)
class LiveRates {
  public:
    void add(const LiveSample& s);
    void fill(LiveTopFrame& frame, const Thresholds& thresholds) const;

  private:
    std::optional<LiveSample> last_;
    double drop_rate_ = 0, early_drop_rate_ = 0, insert_failed_rate_ = 0;
    GrowthTracker growth_;
};

// The rows of `now` with each group's change per second since `before` (the previous refresh's
// groups, all of them, so a group that climbs into view is not counted as new).
std::vector<LiveTopRow> rows_with_change(const TopResult& now, const std::vector<TopRow>& before, double seconds);

// The rows of the netns key: this namespace's count (`own`, from the live table) and each other
// namespace's, largest first. Only whole counts: the live table holds this namespace's entries
// alone, so a filter does not apply to them.
TopResult namespace_rows(const std::string& own_name, uint64_t own_count, const NamespacesReport& others);

// The keys Tab steps through, in order.
const std::vector<TopKey>& live_key_cycle();

enum class UiKey { tab, back_tab, slash, space, help, quit, up, down, enter, escape, backspace, text, flush, cap, stop };
struct UiEvent {
    UiKey key = UiKey::text;
    char ch = 0;  // UiKey::text: the printable ASCII character typed
};

// What the caller does after a key.
enum class UiEffect { none, redraw, regroup, run, quit };

// What the state machine needs from outside: how a command line is prefixed, whether a filter
// parses (nullopt: it does; else the one-line reason), and a process's group for procs --kill.
struct LiveContext {
    std::string netns;  // --netns as given, "" for none
    std::function<std::optional<std::string>(const std::string& filter)> check_filter;
    std::function<std::optional<std::string>(uint32_t pid)> group_of;
};

// Applies one key. `shown` is the frame on screen (the selected row's values come from it).
// regroup: keys or filter changed, aggregate again; run: ui.pending holds the confirmed command.
UiEffect handle_key(LiveUi& ui, const UiEvent& ev, const LiveTopFrame& shown, const LiveContext& ctx);

// The command an action on a row runs, or the one-line reason it cannot apply to that row.
Result<PendingAction> action_for(LiveAction action, const LiveTopRow& row, const LiveUi& ui, const LiveContext& ctx);

}  // namespace ctguard
