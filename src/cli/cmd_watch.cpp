// ctguard watch [--interval S] [--count N] [filters]: live new/destroy rates from conntrack events.
#include <poll.h>
#include <signal.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>

#include "analysis/filter_match.hpp"
#include "analysis/space_saving.hpp"
#include "cli/commands.hpp"
#include "lib/stop_flag.hpp"
#include "lib/text.hpp"
#include "model/ip_hash.hpp"
#include "netfilter/conntrack_source.hpp"
#include "netfilter/ct_events.hpp"
#include "report/watch_render.hpp"

namespace ctguard {

namespace {

// Events read between two looks at the clock: a few milliseconds of parsing, so a line is late by
// that much at most, however fast events come.
constexpr uint64_t kEventsPerLook = 4096;
// Sources of new entries tracked per interval, whatever the number of distinct ones (spoofed sources
// would grow an exact map without bound): a source with more than 1/kMoverCounters of the new entries
// is always among them.
constexpr size_t kMoverCounters = 256;

struct WatchArgs {
    std::string interval = "1";
    uint64_t count = 0;  // intervals to run; 0 = until interrupted
    size_t movers = 3;
    unsigned queue_mib = 256;
    FilterArgs filter;
};

// Counts one interval's events and ranks the sources of new entries (in bounded memory).
class IntervalCounter : public EventSink {
  public:
    IntervalCounter(const Filter& f, size_t movers) : filter_(f), movers_(std::max(kMoverCounters, movers)) {}
    void on_event(CtEventType type, const Flow& flow) override {
        if (!matches(filter_, flow)) return;
        if (type == CtEventType::created) {
            ++created_;
            movers_.add(flow.orig.src);
        } else if (type == CtEventType::destroyed) {
            ++destroyed_;
        }
    }
    void reset() {
        created_ = destroyed_ = 0;
        movers_.clear();
    }
    uint64_t created() const { return created_; }
    uint64_t destroyed() const { return destroyed_; }
    TopResult movers(size_t n) const {
        TopResult r;
        r.by = {TopKey::src};
        r.total = movers_.total();
        r.other = r.total;
        for (const auto& c : movers_.top(n)) {
            TopRow row;
            row.values.src = c.key;
            row.count = c.count;
            r.rows.push_back(row);
            r.other -= std::min(r.other, c.count);
        }
        return r;
    }

  private:
    const Filter& filter_;
    uint64_t created_ = 0, destroyed_ = 0;
    SpaceSaving<IpAddr, IpAddrHash> movers_;
};

double now_seconds() {
    using namespace std::chrono;
    return duration<double>(system_clock::now().time_since_epoch()).count();
}

}  // namespace

Command add_watch_command(CLI::App& app, const GlobalOptions& g) {
    auto* cmd = app.add_subcommand("watch", "live event rates: new/destroy per interval and top movers");
    auto args = std::make_shared<WatchArgs>();
    cmd->add_option("--interval", args->interval, "seconds per line (fractions allowed)")
        ->capture_default_str();
    cmd->add_option("--count", args->count, "stop after N intervals (default: until Ctrl-C)")
        ->transform(kWholeNumber);
    cmd->add_option("--movers", args->movers, "top sources of new entries to show per interval")
        ->capture_default_str()
        ->transform(kWholeNumber);
    cmd->add_option("--queue", args->queue_mib,
                    "event receive queue in MiB; bursts larger than this are counted as overruns")
        ->capture_default_str()
        ->check(CLI::Range(1u, 2047u));
    add_filter_options(cmd, args->filter);
    return {cmd, [&g, args]() -> Result<int> {
                auto interval = parse_seconds(args->interval);
                if (!interval || *interval < 0.01) {
                    return Error::usage("--interval", "'" + args->interval +
                                                          "' is not a positive number of seconds (>= 0.01)");
                }
                auto filter = build_filter(args->filter);
                if (!filter) return filter.error();
                auto table = ConntrackSource::open(g.root_dir());
                if (!table) return table.error();
                if (!table->netlink()) {
                    return Error::unavailable("watch",
                                              "conntrack events need ctnetlink, which is not available here",
                                              "run as root on a kernel with nf_conntrack_netlink");
                }
                // Bursts of hundreds of thousands of events must fit while we sleep in poll(); the
                // kernel charges the queue only for what is waiting, so a large limit costs nothing idle.
                auto listener = EventListener::open(static_cast<int>(args->queue_mib) << 20);
                if (!listener) return listener.error();

                const StopFlag stop({SIGINT, SIGTERM});

                IntervalCounter counter(*filter, args->movers);
                const double start = now_seconds();
                for (uint64_t i = 1; args->count == 0 || i <= args->count; ++i) {
                    const double deadline = start + static_cast<double>(i) * *interval;
                    uint64_t overruns = 0;
                    while (!stop.raised()) {
                        double left = deadline - now_seconds();
                        if (left <= 0) break;
                        pollfd p{listener->fd(), POLLIN, 0};
                        int rc = ::poll(&p, 1, static_cast<int>(std::ceil(left * 1000.0)));
                        if (rc > 0) {
                            auto batch = listener->drain(counter, kEventsPerLook);
                            if (!batch) return batch.error();
                            overruns += batch->overrun ? 1 : 0;
                        }
                    }
                    // Collect what arrived up to the deadline (one more bounded read: under a flood
                    // the rest counts in the next line, which comes on time), then the count: it is
                    // exact even when events were lost to an overrun.
                    auto batch = listener->drain(counter, kEventsPerLook);
                    if (!batch) return batch.error();
                    overruns += batch->overrun ? 1 : 0;
                    auto count = table->count();
                    if (!count) return count.error();
                    WatchLine line{now_seconds(), *interval, counter.created(),           counter.destroyed(),
                                   *count,        overruns,  counter.movers(args->movers)};
                    if (g.json)
                        print_json_line(watch_json(line));
                    else
                        print_text(watch_text(line));
                    // A reader that went away (a closed pipe, a full disk) ends the watch with an error.
                    if (auto flushed = flush_stdout(); !flushed) return flushed.error();
                    counter.reset();
                    if (stop.raised()) break;
                }
                return 0;
            }};
}

}  // namespace ctguard
