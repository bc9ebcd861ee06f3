// ctguard check: the one-shot health check. Exit 0 ok, 1 elevated, 2 capped or critical.
#include "analysis/level.hpp"
#include "analysis/top.hpp"
#include "app/commands.hpp"
#include "kernel/conntrack_table.hpp"
#include "outputs/check_render.hpp"

namespace ctguard {

namespace {

int exit_code_for(Level level) {
    switch (level) {
        case Level::ok:
            return 0;
        case Level::elevated:
            return 1;
        case Level::capped:
        case Level::critical:
            return 2;
    }
    return 2;
}

}  // namespace

Command add_check_command(CLI::App& app, const GlobalOptions& g) {
    auto* cmd = app.add_subcommand("check", "one-shot health check: how full, who fills it, what to do (exit 0/1/2)");
    auto thresholds = std::make_shared<Thresholds>();
    add_threshold_options(cmd, *thresholds);
    return {cmd, [&g, thresholds]() -> Result<int> {
                if (auto ok = check_thresholds(*thresholds); !ok) return ok.error();
                auto table = ConntrackTable::open(g.root_dir());
                if (!table) return table.error();
                auto stats = table->stats();
                if (!stats) return stats.error();

                CheckReport report;
                report.status = {*stats, classify(stats->count, stats->max, *thresholds), *thresholds};
                TopAggregator by_src({TopKey::src}, {});
                TopAggregator by_dport({TopKey::dport}, {});
                FanOutSink both{&by_src, &by_dport};
                auto dump = table->dump(both);
                if (!dump) return dump.error();
                report.top_src = by_src.result(10);
                report.top_dport = by_dport.result(10);

                if (g.json) print_json(check_json(report));
                else print_text(check_text(report));
                return exit_code_for(report.status.level);
            }};
}

}  // namespace ctguard
