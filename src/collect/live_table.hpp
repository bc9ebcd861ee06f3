#pragma once
// A conntrack table kept in memory: one dump, then the table's events (created, updated,
// destroyed) keep the entries (analysis/live_entries.hpp) and the per-second rates current. The
// event subscription starts before the dump, so nothing falls between them; events that were
// queued during the dump are applied after it, which is right whatever their order.
//
// A resync (a new subscription, then a new dump) follows an event overrun (ENOBUFS: the kernel
// dropped events because our queue was full), an entry set larger than the kernel's table could be
// (events were lost without an overrun), and stale entries: more entries held than the kernel
// counts. The last one is the kernel's doing: with net.netfilter.nf_conntrack_events = 2 (the
// default) an entry created while nobody listened never sends an event, not even when it is
// destroyed, so what the first dump found can vanish in silence. The count (one O(1) request a
// second) tells; such resyncs are spaced by 20 times the dump's duration (5 s at least), which keeps
// their cost under 5% of a core. Every resync is counted and timestamped in info().
//
// Use, all on one thread:
//   auto live = LiveTable::open(root, where);          // subscribes and dumps (0.3-1 s at 262k)
//   poll live->fd() for POLLIN with a timeout of a second at most, then live->service() (on the
//   timeout too: silent destroys wake nobody); it applies a bounded batch and resyncs if needed
//   live->entries().replay(sink);                      // a TopAggregator etc., as a fresh dump would
//   live->top(key, by, filter, n);                     // the same for `top`, from a standing view
//   live->info(); live->rates().history(...);          // header figures, the last minute per second
#include <cstdint>
#include <memory>
#include <optional>

#include "analysis/event_rates.hpp"
#include "analysis/live_entries.hpp"
#include "analysis/live_top_views.hpp"
#include "model/live_table.hpp"
#include "netfilter/conntrack_source.hpp"
#include "netfilter/ct_events.hpp"

namespace ctguard {

struct LiveTableOptions {
    // The event queue: a resync's dump of a full table takes up to a second, and the events of that
    // second wait here. The kernel charges only what is queued, so a large limit costs nothing idle.
    int queue_bytes = 64 << 20;
    // Events applied per service() call: under a flood the queue never empties, and this is how
    // the caller gets its time back (a few milliseconds of work).
    uint64_t events_per_service = 4096;
};

class LiveTable {
  public:
    // The table at `where` (the caller's namespace, or a tenant's), over ctnetlink only: /proc has
    // no events (exit 69 without it).
    static Result<std::unique_ptr<LiveTable>> open(const RootDir& root, const TableAddress& where = {},
                                                   LiveTableOptions options = {});

    // Readable when events are queued.
    int fd() const { return listener_->fd(); }
    // Applies queued events without waiting, compares the size with the kernel's count (once a
    // second), and resyncs when needed. An error (the dump or the subscription failed) leaves the
    // table empty until a later call resyncs it. Call it at least once a second.
    Result<void> service();
    const LiveEntries& entries() const { return entries_; }
    // `top` over the entries, from a view kept current by the events (analysis/live_top_views.hpp).
    TopResult top(const std::string& key, const std::vector<TopKey>& by, const Filter& filter, size_t n) {
        return views_.top(key, by, filter, n);
    }
    const EventRates& rates() const { return rates_; }
    LiveTableInfo info() const;
    // The table's own socket, for O(1) figures (stats()) of the same table.
    ConntrackSource& source() { return source_; }
    // Whole seconds on the clock rates() counts in (monotonic).
    static int64_t rate_second();

  private:
    LiveTable(ConntrackSource source, LiveTableOptions options)
        : source_(std::move(source)), options_(options), views_(entries_) {}
    Result<void> resync(const char* reason);

    ConntrackSource source_;
    LiveTableOptions options_;
    std::optional<EventListener> listener_;
    LiveEntries entries_;
    LiveTopViews views_;  // after entries_: it forgets its observers there when destroyed
    EventRates rates_;
    LiveTableInfo info_;
    uint64_t entry_bound_ = 0;  // more than this means events were lost: resync
    bool broken_ = false;       // the last resync failed
    double next_count_ = 0;     // monotonic: when to compare with the kernel's count next
    double stale_since_ = -1;   // monotonic: since when more entries are held than counted; -1: not
    double resync_end_ = 0;     // monotonic: when the last resync ended
};

}  // namespace ctguard
