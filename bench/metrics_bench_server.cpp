// metrics_bench_server: serves a synthetic fleet (N tenants, top-N by src and dport each) through
// MetricsServer, rendering on every scrape as the daemon does. For bench/metrics.sh.
//
//   metrics_bench_server [--tenants N] [--top N]           serve on 127.0.0.1:<free port> until SIGTERM
//   metrics_bench_server [--tenants N] [--top N] --print   write the exposition to stdout and exit
#include <cstdio>
#include <cstring>
#include <string>

#include "analysis/level.hpp"
#include "daemon/metrics_server.hpp"
#include "lib/stop_signals.hpp"
#include "lib/text.hpp"
#include "model/ip.hpp"
#include "report/prometheus.hpp"

using namespace ctguard;

namespace {

// The i-th group of a tenant: big groups first, as a flood would make them.
TopResult synthetic_top(TopKey key, unsigned tenant, unsigned n, uint64_t total) {
    TopResult r;
    r.by = {key};
    r.total = total;
    r.groups = 1000 + tenant;
    uint64_t left = total;
    for (unsigned i = 0; i < n && left > 0; ++i) {
        TopRow row;
        if (key == TopKey::src) {
            row.values.src = *parse_ip("198.18." + std::to_string(tenant) + "." + std::to_string(i + 1));
        } else {
            row.values.dport = static_cast<uint16_t>(1000 + i * 7 + tenant);
        }
        row.count = left / 3;
        left -= row.count;
        r.rows.push_back(row);
    }
    r.other = left;
    return r;
}

FleetSnapshot synthetic_fleet(unsigned tenants, unsigned top) {
    FleetSnapshot f;
    for (unsigned i = 0; i < tenants; ++i) {
        TenantState t;
        t.name = "vps" + std::to_string(100 + i);
        t.count = 500 + (i * 2917) % 31000;
        t.max = 29000;
        t.level = classify(t.count, t.max, t.thresholds);
        t.have_stats = true;
        t.stats.drop = i * 13;
        t.stats.insert_failed = i * 3;
        t.stats.found = i * 100000;
        if (i % 4 == 0) t.seconds_to_full = 600.0 + i;
        t.top = {synthetic_top(TopKey::src, i, top, t.count), synthetic_top(TopKey::dport, i, top, t.count)};
        f.tenants.push_back(std::move(t));
    }
    f.processes_scanned = true;
    f.collect_duration_seconds = 0.042;
    f.ts = 1700000000;
    return f;
}

[[noreturn]] void usage() {
    std::fprintf(stderr, "usage: metrics_bench_server [--tenants N] [--top N] [--print]\n");
    std::exit(64);
}

}  // namespace

int main(int argc, char** argv) {
    unsigned tenants = 100, top = 10;
    bool print = false;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--print") {
            print = true;
        } else if ((a == "--tenants" || a == "--top") && i + 1 < argc) {
            auto v = parse_u64(argv[++i], 100000);
            if (!v) usage();
            (a == "--tenants" ? tenants : top) = static_cast<unsigned>(*v);
        } else {
            usage();
        }
    }
    const FleetSnapshot fleet = synthetic_fleet(tenants, top);
    if (print) {
        std::fputs(prometheus_text(fleet).c_str(), stdout);
        return 0;
    }

    StopSignals stop;  // before the server's threads exist
    auto server = MetricsServer::start(
        "127.0.0.1:0", [&fleet] { return prometheus_text(fleet); }, CTGUARD_METRICS_HTTP_MODULE);
    if (!server) {
        std::fprintf(stderr, "metrics_bench_server: %s: %s\n", server.error().what.c_str(),
                     server.error().why.c_str());
        return static_cast<int>(server.error().code);
    }
    std::printf("serving http://127.0.0.1:%u/metrics\n", (*server)->port());
    std::fflush(stdout);
    stop.wait();
    return 0;
}
