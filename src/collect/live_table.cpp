#include "collect/live_table.hpp"

#include <algorithm>
#include <cmath>

#include "lib/log.hpp"
#include "lib/time_text.hpp"

namespace ctguard {

namespace {

// Applies events to the entries and counts them per second.
class Applier : public EventSink {
  public:
    Applier(LiveEntries& entries, EventRates& rates, int64_t second)
        : entries_(entries), rates_(rates), second_(second) {}
    void on_event(CtEventType type, const Flow& flow) override {
        switch (type) {
            case CtEventType::created:
                entries_.add(flow);
                rates_.created(second_);
                break;
            case CtEventType::updated:
                entries_.update(flow);
                break;
            case CtEventType::destroyed:
                entries_.remove(flow);
                rates_.destroyed(second_);
                break;
        }
    }

  private:
    LiveEntries& entries_;
    EventRates& rates_;
    int64_t second_;
};

}  // namespace

int64_t LiveTable::rate_second() {
    return static_cast<int64_t>(std::floor(monotonic_seconds()));
}

Result<std::unique_ptr<LiveTable>> LiveTable::open(const RootDir& root, const TableAddress& where,
                                                   LiveTableOptions options) {
    auto source = ConntrackSource::open(root, where);
    if (!source) return source.error();
    if (!source->netlink())
        return Error::unavailable("live table", "conntrack events need ctnetlink, which is not available here",
                                  "run as root on a kernel with nf_conntrack_netlink");
    std::unique_ptr<LiveTable> live(new LiveTable(std::move(*source), options));
    if (auto r = live->resync("start"); !r) return r.error();
    return live;
}

Result<void> LiveTable::resync(const char* reason) {
    const double start = monotonic_seconds();
    // A new subscription first: what the old queue still holds may predate events it lost, and
    // applied after the dump it could bring back an entry that is gone.
    std::optional<EventListener> fresh;
    auto opened = source_.run_inside([&]() -> Result<void> {
        auto l = EventListener::open(options_.queue_bytes, true);
        if (!l) return l.error();
        fresh.emplace(std::move(*l));
        return {};
    });
    broken_ = true;
    entries_.clear();
    if (!opened) return opened.error();
    listener_ = std::move(fresh);
    auto stats = source_.stats();
    if (!stats) return stats.error();
    auto dump = source_.dump(entries_);
    if (!dump) return dump.error();
    // Events can only add what the kernel has room for; twice that (and some slack for a table that
    // the administrator just made larger) means events were lost.
    entry_bound_ = std::max(stats->max, stats->count) * 2 + 4096;
    broken_ = false;
    stale_since_ = -1;
    resync_end_ = monotonic_seconds();
    if (!info_.sync_reason.empty()) ++info_.resyncs;
    info_.sync_reason = reason;
    info_.synced_at = wall_seconds();
    info_.sync_seconds = monotonic_seconds() - start;
    return {};
}

Result<void> LiveTable::service() {
    if (broken_) return resync("retry");
    Applier applier(entries_, rates_, rate_second());
    auto batch = listener_->drain(applier, options_.events_per_service);
    if (!batch) {
        broken_ = true;
        entries_.clear();
        return batch.error();
    }
    info_.events += batch->events;
    info_.malformed += batch->malformed;
    if (batch->malformed > 0)
        warn_once("conntrack events: skipped " + std::to_string(batch->malformed) + " malformed message(s)");
    if (batch->overrun) return resync("overrun");
    if (entries_.size() > entry_bound_) return resync("too many entries");
    // Compared only once the queue is empty: destroy events still waiting would look like stale entries.
    const double now = monotonic_seconds();
    if (batch->events + batch->malformed >= options_.events_per_service || now < next_count_) return {};
    next_count_ = now + 1;
    auto count = source_.count();
    if (!count) return count.error();
    if (entries_.size() <= *count) {
        stale_since_ = -1;
        return {};
    }
    // Held a second, so a destroy on its way is not taken for a silent one.
    if (stale_since_ < 0) stale_since_ = now;
    const double spacing = std::max(5.0, 20 * info_.sync_seconds);
    if (now - stale_since_ >= 1 && now - resync_end_ >= spacing) return resync("stale entries");
    return {};
}

LiveTableInfo LiveTable::info() const {
    LiveTableInfo i = info_;
    i.entries = entries_.size();
    const SecondCounts last = rates_.last_second(rate_second());
    i.created_per_s = last.created;
    i.destroyed_per_s = last.destroyed;
    i.memory_bytes = entries_.memory_bytes();
    return i;
}

}  // namespace ctguard
