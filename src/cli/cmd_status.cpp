// ctguard status [--all-netns]: O(1) figures (count, max, usage, buckets, per-CPU stats, level), no
// dump; with --all-netns, every network namespace's count as well (containers fill their own tables).
#include "analysis/level.hpp"
#include "cli/commands.hpp"
#include "cli/daemon_client.hpp"
#include "collect/namespaces_collect.hpp"
#include "netfilter/conntrack_source.hpp"
#include "report/namespaces_render.hpp"
#include "report/status_render.hpp"

namespace ctguard {

namespace {

struct StatusArgs {
    Thresholds thresholds;
    bool all_netns = false;
    bool no_daemon = false;
};

// The host's figures, then every other namespace's count against the host's nf_conntrack_max.
void print_all_netns(const GlobalOptions& g, const StatusReport& host) {
    const auto r = collect_namespaces(g.root_dir(), host.table.max, host.thresholds);
    print_result(
        g.json,
        [&] {
            auto j = status_json(host);
            j["namespaces"] = namespaces_json(r.namespaces);
            j["notes"] = r.notes;
            return j;
        },
        [&] { return status_text(host) + "\n" + namespaces_text(r.namespaces, r.notes); });
}

}  // namespace

Command add_status_command(CLI::App& app, const GlobalOptions& g) {
    auto* cmd = app.add_subcommand("status",
                                   "table figures in O(1): count, max, usage, buckets, per-CPU stats, level");
    auto args = std::make_shared<StatusArgs>();
    add_threshold_options(cmd, args->thresholds);
    cmd->add_flag("--all-netns", args->all_netns,
                  "also every other network namespace (containers, ip netns, unnamed ones held by a process)");
    cmd->add_flag("--no-daemon", args->no_daemon, "read the kernel's figures even when the daemon's live table can answer");
    return {cmd, [&g, args]() -> Result<int> {
                if (auto ok = check_thresholds(args->thresholds); !ok) return ok.error();
                if (args->all_netns && !g.netns.empty())
                    return Error::usage("--all-netns", "cannot be combined with --netns");
                if (!args->no_daemon && !args->all_netns) {
                    LiveRequest ask;
                    ask.command = LiveCommand::status;
                    ask.thresholds = args->thresholds;
                    if (print_from_daemon(g, ask)) return 0;
                }
                auto table = ConntrackSource::open(g.root_dir());
                if (!table) return table.error();
                auto stats = table->stats();
                if (!stats) return stats.error();
                StatusReport report{*stats, classify(stats->count, stats->max, args->thresholds), args->thresholds};
                if (args->all_netns)
                    print_all_netns(g, report);
                else
                    print_result(g.json, status_json, status_text, report);
                return 0;
            }};
}

}  // namespace ctguard
