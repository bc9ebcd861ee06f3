// ctguard check [--watch S] [--no-daemon]: the one-shot health check. How full, who fills it, why
// (normal, attack, compromise, misconfigured) and what to do, from one pass over the table (the
// daemon's live copy of it when there is one) plus the process, limit and audit readers. Without
// root it reports what it could not see instead of failing.
// Exit 0 ok, 1 elevated or misconfigured, 2 capped/critical, attack or compromise (check_outcome).
#include <unistd.h>

#include <chrono>
#include <thread>

#include "analysis/check_outcome.hpp"
#include "analysis/fill_sources.hpp"
#include "analysis/level.hpp"
#include "analysis/name_model.hpp"
#include "analysis/remediation.hpp"
#include "analysis/top.hpp"
#include "analysis/traffic_shape.hpp"
#include "analysis/verdict.hpp"
#include "cli/commands.hpp"
#include "cli/daemon_client.hpp"
#include "collect/audit_run.hpp"
#include "collect/drops_collect.hpp"
#include "collect/limit_collect.hpp"
#include "collect/namespaces_collect.hpp"
#include "collect/procs_collect.hpp"
#include "config/allow_config.hpp"
#include "host/local_addresses.hpp"
#include "host/netns_discovery.hpp"
#include "lib/text.hpp"
#include "netfilter/conntrack_source.hpp"
#include "report/check_render.hpp"

namespace ctguard {

namespace {

struct CheckArgs {
    Thresholds thresholds;
    std::string watch;
    std::string fail_on;
    bool no_daemon = false;
};

std::string unseen_line(const std::string& what, const Error& e) {
    std::string s = what + ": " + e.why;
    if (e.code == Exit::noperm) s += " (run as root to include it)";
    return s;
}

CapFacts cap_facts(const LimitReport& l) {
    CapFacts c;
    c.max = l.max;
    if (l.boot) c.boot_max = l.boot->value;
    c.host_only = l.host_only;
    for (const auto& conflict : l.conflicts) {
        if (conflict.key.find("ip_conntrack_max") != std::string::npos) c.legacy_key = true;
    }
    return c;
}

// The entries the daemon handed over, as the process join's source.
FlowSource replay_of(const ReceivedEntries& entries) {
    return [&entries](FlowSink& sink) -> Result<void> {
        entries.replay(sink);
        return {};
    };
}

Result<int> run_check(const GlobalOptions& g, const CheckArgs& args) {
    if (auto ok = check_thresholds(args.thresholds); !ok) return ok.error();
    std::optional<double> watch;
    if (!args.watch.empty()) {
        watch = parse_seconds(args.watch);
        if (!watch || *watch > 600) {
            return Error::usage("--watch", "'" + args.watch + "' is not a number of seconds (0 < S <= 600)");
        }
    }
    const RootDir root = g.root_dir();
    auto allow = load_allow_list(root);
    if (!allow) return allow.error();
    CheckReport report;
    report.status.thresholds = args.thresholds;
    if (!args.fail_on.empty()) {
        report.fail_on = parse_level(args.fail_on);
        if (!report.fail_on || *report.fail_on == Level::ok)
            return Error::usage("--fail-on", "'" + args.fail_on + "' is not a level",
                                "use elevated, capped or critical");
    }

    // How full, and the cap.
    const auto started = std::chrono::steady_clock::now();
    auto table = ConntrackSource::open(root);
    if (table) {
        auto stats = table->stats();
        if (!stats) return stats.error();
        report.status.table = *stats;
        report.status.level = classify(stats->count, stats->max, args.thresholds);
        auto limit = collect_limit(root, *stats, args.thresholds);
        if (limit)
            report.limit = std::move(*limit);
        else
            report.unseen.push_back(unseen_line("nf_conntrack_max configuration", limit.error()));
    } else if (!root.live() && access(root.path("/proc").c_str(), F_OK) != 0) {
        // An image without proc/ says nothing about a table: not "healthy", unknown.
        report.have_table = false;
        report.table_unknown = true;
        report.unseen.push_back("conntrack table: " + root.dir + " has no proc/, so the table was not looked at");
    } else if (table.error().code == Exit::unavailable) {
        report.have_table = false;
        report.unseen.push_back(unseen_line("conntrack table", table.error()) +
                                " (a table that does not exist cannot overflow)");
    } else {
        return table.error();
    }

    // Every other namespace's table, from the host's view: a container fills its own.
    if (g.netns.empty() && table && in_initial_netns(root)) {
        auto ns = collect_namespaces(root, report.status.table.max, args.thresholds);
        report.namespaces = std::move(ns.namespaces);
        for (const auto& note : ns.notes) report.unseen.push_back("namespace " + note);
    }
    report.level = worst_level(report);

    // Who fills it: one pass over the entries feeds the groupings, the direction counts and the
    // process join. The daemon's live table hands them over when it has this namespace's, checked
    // whole before anything is counted; not to --watch, which dumps the table again every second.
    std::optional<ReceivedEntries> live;
    if (table && !watch && !args.no_daemon) live = entries_from_daemon(g);
    TopAggregator by_src({TopKey::src}, {}), by_dport({TopKey::dport}, {}), by_state({TopKey::state}, {});
    auto local = read_local_addresses(root);
    // Without this host's addresses no entry can be told inbound, outbound or forwarded.
    const bool know_direction = !local.empty();
    if (!know_direction) report.unseen.push_back("this host's addresses (/proc/net/fib_trie): entries not sorted by direction");
    TrafficShapeCounter shape(std::move(local));
    FanOutSink sinks{&by_src, &by_dport, &by_state, &shape};
    ProcessCollector processes = live ? ProcessCollector(root, replay_of(*live)) : ProcessCollector(root);
    auto looked = watch ? processes.watch(*watch, &sinks, progress_on_terminal()) : processes.snapshot(&sinks);
    if (watch) end_progress();

    // Traces of an intruder; a process running a binary the intruder dropped is judged by it.
    report.audit = run_audit(root);
    for (const auto& note : report.audit->notes) report.unseen.push_back("audit: " + note);
    if (looked) {
        if (table) {
            report.top_src = by_src.result(10);
            report.top_dport = by_dport.result(10);
            report.top_state = by_state.result(10);
            report.traffic = shape.result();
            if (live) report.live = live->sync();
        }
        report.procs = processes.finish({NameModel::builtin(), &*allow, intrusion_binaries(root, *report.audit)});
        if (report.traffic && know_direction) report.sources = fill_sources(*report.traffic, &*report.procs);
    } else {
        report.unseen.push_back(unseen_line("entries and processes", looked.error()));
    }

    // Why packets drop: the per-CPU counters across everything check did (at least half a second).
    if (table && report.status.table.have_stats) {
        const auto least = started + std::chrono::milliseconds(500);
        if (std::chrono::steady_clock::now() < least) std::this_thread::sleep_until(least);
        auto after = table->stats();
        if (after && after->have_stats) {
            const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
            report.status.drops = collect_drops(root, report.status.table.stats, after->stats, took.count());
        }
    }

    // Why, and what now.
    VerdictInputs in;
    in.level = report.status.level;
    in.count = report.status.table.count;
    in.thresholds = args.thresholds;
    in.traffic = report.traffic;
    if (report.procs) {
        for (const auto& p : report.procs->processes) in.suspicious_processes += active_suspect(p) ? 1 : 0;
        for (const auto& grp : report.procs->rotating) in.suspicious_groups += grp.suspicious ? 1 : 0;
    }
    for (const auto& f : report.audit->findings) {
        if (is_intrusion_finding(f.id)) in.intrusion_findings.push_back(f.id);
    }
    if (report.limit) in.cap = cap_facts(*report.limit);
    if (report.traffic) in.dominant_source = dominant_source_reason(report.sources, report.traffic->total);
    report.verdict = decide_verdict(in);
    for (auto& reason : namespace_reasons(report.namespaces)) report.verdict.reasons.push_back(std::move(reason));

    RemediationInputs plan;
    plan.verdict = report.verdict;
    plan.level = report.status.level;
    plan.thresholds = args.thresholds;
    plan.traffic = report.traffic;
    plan.top_dport = report.top_dport;
    plan.procs = report.procs ? &*report.procs : nullptr;
    plan.audit = &*report.audit;
    plan.limit = report.limit ? &*report.limit : nullptr;
    plan.sources = report.sources;
    plan.namespaces = &report.namespaces;
    report.remediation = plan_remediation(plan);
    if (!g.netns.empty()) scope_steps(report.remediation, "--netns " + shell_quote(g.netns));
    if (report.procs) {
        report.suspects = notable_processes(*report.procs, true);
        report.holders = notable_processes(*report.procs, false);
    }
    report.exit_code = check_exit_code(report);

    const bool colour = isatty(STDOUT_FILENO) != 0 && getenv("NO_COLOR") == nullptr;
    print_result(
        g.json, check_json, [&](const CheckReport& r) { return check_text(r, colour, g.text_width()); }, report);
    return report.exit_code;
}

}  // namespace

Command add_check_command(CLI::App& app, const GlobalOptions& g) {
    auto* cmd = app.add_subcommand(
        "check",
        "one-shot health check: how full, who fills it, why, what to do (exit 0 ok, 1 warn, 2 act now)");
    auto args = std::make_shared<CheckArgs>();
    add_threshold_options(cmd, args->thresholds);
    cmd->add_option("--watch", args->watch,
                    "also follow processes for SECONDS, to catch malware that respawns under new names");
    cmd->add_option("--fail-on", args->fail_on,
                    "for scripts: exit non-zero only at this level or worse (elevated, capped, critical), "
                    "or on an attack or compromise; a misconfiguration alone exits 0");
    cmd->add_flag("--no-daemon", args->no_daemon,
                  "dump the kernel's table even when the daemon's live table can hand over its entries");
    return {cmd, [&g, args]() -> Result<int> { return run_check(g, *args); }};
}

}  // namespace ctguard
