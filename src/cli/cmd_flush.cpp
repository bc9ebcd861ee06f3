// ctguard flush [filters] [--all] [--dry-run]: deletes the matching entries over ctnetlink.
#include <cstring>

#include "analysis/filter_match.hpp"
#include "cli/commands.hpp"
#include "netfilter/conntrack_source.hpp"
#include "netfilter/ct_delete.hpp"
#include "netfilter/ct_stats.hpp"
#include "report/flush_render.hpp"

namespace ctguard {

namespace {

struct FlushArgs {
    FilterArgs filter;
    bool all = false, dry_run = false;
};

// Keeps what the kernel needs to delete each matching entry; the dump cannot be deleted from while
// it runs on the same socket, and deleting behind a running dump could make it skip entries.
class MatchCollector : public FlowSink {
  public:
    explicit MatchCollector(const Filter& f) : filter_(f) {}
    void on_flow(const Flow& flow) override {
        if (matches(filter_, flow)) keys.push_back(CtEntryKey::of(flow));
    }
    std::vector<CtEntryKey> keys;

  private:
    const Filter& filter_;
};

// Why there is no ctnetlink to delete through.
Error no_netlink(const RootDir& root) {
    if (!root.live())
        return Error::unavailable("flush", "a --root tree has no kernel to delete entries from");
    auto sock = NetlinkSocket::open();
    if (!sock) return sock.error();
    auto probe = netlink_count_max(*sock);
    if (!probe) return probe.error();
    return Error::unavailable("flush", "ctnetlink is not available", "load nf_conntrack_netlink");
}

}  // namespace

Command add_flush_command(CLI::App& app, const GlobalOptions& g) {
    auto* cmd = app.add_subcommand("flush", "delete the entries that match the filters (over ctnetlink)");
    auto args = std::make_shared<FlushArgs>();
    add_filter_options(cmd, args->filter);
    cmd->add_flag("--all", args->all, "delete every entry (needed when no filter is given)");
    cmd->add_flag("--dry-run", args->dry_run, "count the matching entries; delete nothing");
    return {cmd, [&g, args]() -> Result<int> {
                auto filter = build_filter(args->filter);
                if (!filter) return filter.error();
                if (filter->empty() && !args->all) {
                    return Error::usage("flush", "no filter given: refusing to delete every entry",
                                        "pass filters (--src, --dport, --state, ...) or --all");
                }
                if (!filter->empty() && args->all)
                    return Error::usage("flush", "--all cannot be combined with filters");
                auto table = ConntrackSource::open(g.root_dir());
                if (!table) return table.error();
                if (table->netlink() == nullptr) return no_netlink(g.root_dir());

                MatchCollector matches(*filter);
                if (auto d = table->dump(matches); !d) return d.error();
                FlushReport report;
                report.matched = matches.keys.size();
                report.dry_run = args->dry_run;
                if (!args->dry_run) {
                    auto deleted = delete_conntrack(*table->netlink(), matches.keys);
                    if (!deleted) return deleted.error();
                    report.deleted = *deleted;
                }
                print_result(g.json, flush_json, flush_text, report);
                if (report.deleted.failed > 0) {
                    return Error::internal(
                        "flush", std::to_string(report.deleted.failed) +
                                     " deletions refused: " + std::strerror(report.deleted.first_errno));
                }
                return 0;
            }};
}

}  // namespace ctguard
