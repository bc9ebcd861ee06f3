// ctguard metrics [--textfile DIR | --listen HOST:PORT]: the host's table as Prometheus text, as
// tenant "host" (or the --netns name). Once to stdout, once into DIR/ctguard.prom for node_exporter's textfile collector,
// or served on /metrics with a fresh collection per scrape (an exporter without the daemon).
#include <sys/stat.h>

#include <chrono>
#include <cstdio>
#include <ctime>

#include "analysis/level.hpp"
#include "analysis/top.hpp"
#include "cli/commands.hpp"
#include "daemon/metrics_server.hpp"
#include "lib/atomic_file.hpp"
#include "lib/log.hpp"
#include "lib/stop_signals.hpp"
#include "netfilter/conntrack_source.hpp"
#include "report/prometheus.hpp"

namespace ctguard {

namespace {

struct MetricsArgs {
    std::string textfile_dir;
    std::string listen;
    size_t n = 10;
    Thresholds thresholds;
    std::string tenant = "host";  // the --netns name when there is one: the label says which table
};

using Clock = std::chrono::steady_clock;

// Figures, level, and the top-N sources and destination ports from one dump.
Result<TenantState> collect_host(ConntrackSource& table, const MetricsArgs& args) {
    auto stats = table.stats();
    if (!stats) return stats.error();
    TopAggregator by_src({TopKey::src}, {});
    TopAggregator by_dport({TopKey::dport}, {});
    FanOutSink both{&by_src, &by_dport};
    auto dump = table.dump(both);
    if (!dump) return dump.error();  // skipped malformed entries were warned about by the table

    TenantState t;
    t.name = args.tenant;
    t.count = stats->count;
    t.max = stats->max;
    t.thresholds = args.thresholds;
    t.level = classify(stats->count, stats->max, args.thresholds);
    t.stats = stats->stats;
    t.have_stats = stats->have_stats;
    t.top = {by_src.result(args.n), by_dport.result(args.n)};
    return t;
}

FleetSnapshot fleet_of(TenantState host, Clock::time_point started, uint64_t errors_total) {
    FleetSnapshot fleet;
    fleet.tenants.push_back(std::move(host));
    fleet.collect_duration_seconds = std::chrono::duration<double>(Clock::now() - started).count();
    fleet.collect_errors_total = errors_total;
    fleet.ts = std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
    return fleet;
}

Result<void> check_textfile_dir(const std::string& dir) {
    struct stat st {};
    if (::stat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
        return Error::usage("--textfile " + dir, "not a directory",
                            "give node_exporter's --collector.textfile.directory");
    }
    return {};
}

// Serves until SIGINT or SIGTERM. Every scrape reads the table afresh; a failed read shows as
// ctguard_tenant_up 0 and counts in ctguard_collect_errors_total instead of ending the exporter.
Result<int> serve(ConntrackSource& table, const MetricsArgs& args) {
    StopSignals stop_signals;  // before the server's threads exist

    uint64_t errors = 0;  // guarded by the server, which never renders twice at once
    auto render = [&table, &args, &errors] {
        auto started = Clock::now();
        auto host = collect_host(table, args);
        if (host) return prometheus_text(fleet_of(std::move(*host), started, errors));
        ++errors;
        warn_once("collection failed: " + host.error().what + ": " + host.error().why);
        TenantState down;
        down.name = args.tenant;
        down.up = false;
        down.error = host.error().why;
        return prometheus_text(fleet_of(std::move(down), started, errors));
    };
    auto server = MetricsServer::start(args.listen, render);
    if (!server) return server.error();
    const std::string& host = (*server)->host();
    bool v6 = host.find(':') != std::string::npos;
    std::printf("serving http://%s%s%s:%u/metrics\n", v6 ? "[" : "", host.c_str(), v6 ? "]" : "",
                (*server)->port());
    std::fflush(stdout);

    stop_signals.wait();
    (*server)->stop();
    return 0;
}

}  // namespace

Command add_metrics_command(CLI::App& app, const GlobalOptions& g) {
    auto* cmd = app.add_subcommand(
        "metrics", "the table as Prometheus metrics: stdout, a textfile, or served on /metrics");
    auto args = std::make_shared<MetricsArgs>();
    auto* textfile =
        cmd->add_option("--textfile", args->textfile_dir,
                        "write DIR/ctguard.prom atomically (node_exporter's textfile collector)");
    cmd->add_option("--listen", args->listen,
                    "serve /metrics on HOST:PORT until SIGINT/SIGTERM, reading the table per scrape")
        ->excludes(textfile);
    cmd->add_option("-n", args->n, "top-N sources and destination ports to export")
        ->capture_default_str()
        ->check(CLI::Range(size_t{1}, size_t{1000}));
    add_threshold_options(cmd, args->thresholds);
    return {cmd, [&g, args]() -> Result<int> {
                if (auto ok = check_thresholds(args->thresholds); !ok) return ok.error();
                if (!g.netns.empty()) args->tenant = g.netns;
                if (!args->listen.empty()) {
                    if (auto addr = parse_listen_address(args->listen); !addr) return addr.error();
                }
                if (!args->textfile_dir.empty()) {
                    if (auto dir = check_textfile_dir(args->textfile_dir); !dir) return dir.error();
                }
                auto table = ConntrackSource::open(g.root_dir());
                if (!table) return table.error();
                if (!args->listen.empty()) return serve(*table, *args);

                auto started = Clock::now();
                auto host = collect_host(*table, *args);
                if (!host) return host.error();
                std::string text = prometheus_text(fleet_of(std::move(*host), started, 0));
                if (args->textfile_dir.empty()) {
                    print_text(text);
                    return 0;
                }
                // node_exporter reads only *.prom; the temporary file of the atomic write is not one.
                if (auto w = write_file_atomic(args->textfile_dir + "/ctguard.prom", text); !w)
                    return w.error();
                return 0;
            }};
}

}  // namespace ctguard
