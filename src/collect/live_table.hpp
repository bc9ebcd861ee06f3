#pragma once
// A conntrack table kept in memory: one dump, then the table's events (created, updated,
// destroyed) keep the entries (analysis/live_entries.hpp) and the per-second rates current. The
// event subscription starts before the dump, so nothing falls between them; events that were
// queued during the dump are applied after it, which is right whatever their order.
//
// A resync (a new subscription, then a new dump) follows an event overrun (ENOBUFS: the kernel
// dropped events because our queue was full) and an entry set larger than the kernel's table could
// be (events were lost without an overrun); both are counted and timestamped in info().
//
// Use, all on one thread:
//   auto live = LiveTable::open(root, where);          // subscribes and dumps (0.3-1 s at 262k)
//   poll live->fd() for POLLIN, then live->service(); // applies a bounded batch, resyncs if needed
//   live->entries().replay(sink);                      // a TopAggregator etc., as a fresh dump would
//   live->info(); live->rates().history(...);          // header figures, the last minute per second
#include <cstdint>
#include <memory>
#include <optional>

#include "analysis/event_rates.hpp"
#include "analysis/live_entries.hpp"
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
    // Applies queued events without waiting, then resyncs if they overran. An error (the dump or
    // the subscription failed) leaves the table empty until a later call resyncs it: after one,
    // call service() again on a timer, not only when fd() is readable.
    Result<void> service();
    const LiveEntries& entries() const { return entries_; }
    const EventRates& rates() const { return rates_; }
    LiveTableInfo info() const;
    // The table's own socket, for O(1) figures (stats()) of the same table.
    ConntrackSource& source() { return source_; }
    // Whole seconds on the clock rates() counts in (monotonic).
    static int64_t rate_second();

  private:
    LiveTable(ConntrackSource source, LiveTableOptions options)
        : source_(std::move(source)), options_(options) {}
    Result<void> resync(const char* reason);

    ConntrackSource source_;
    LiveTableOptions options_;
    std::optional<EventListener> listener_;
    LiveEntries entries_;
    EventRates rates_;
    LiveTableInfo info_;
    uint64_t entry_bound_ = 0;  // more than this means events were lost: resync
    bool broken_ = false;       // the last resync failed
};

}  // namespace ctguard
