// ctguard status: O(1) figures (count, max, usage, buckets, per-CPU stats, level), no dump.
#include "analysis/level.hpp"
#include "cli/commands.hpp"
#include "netfilter/conntrack_source.hpp"
#include "report/status_render.hpp"

namespace ctguard {

Command add_status_command(CLI::App& app, const GlobalOptions& g) {
    auto* cmd = app.add_subcommand("status",
                                   "table figures in O(1): count, max, usage, buckets, per-CPU stats, level");
    auto thresholds = std::make_shared<Thresholds>();
    add_threshold_options(cmd, *thresholds);
    return {cmd, [&g, thresholds]() -> Result<int> {
                if (auto ok = check_thresholds(*thresholds); !ok) return ok.error();
                auto table = ConntrackSource::open(g.root_dir());
                if (!table) return table.error();
                auto stats = table->stats();
                if (!stats) return stats.error();
                StatusReport report{*stats, classify(stats->count, stats->max, *thresholds), *thresholds};
                print_result(g.json, status_json, status_text, report);
                return 0;
            }};
}

}  // namespace ctguard
