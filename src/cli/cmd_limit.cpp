// ctguard limit: nf_conntrack_max shown, set live and persisted the way the boot really applies it;
// `limit timeouts` does the same for the per-protocol timeouts.
#include <unistd.h>

#include <fmt/format.h>

#include <functional>

#include "analysis/limit_advice.hpp"
#include "analysis/limit_plan.hpp"
#include "cli/commands.hpp"
#include "collect/limit_collect.hpp"
#include "host/config_files.hpp"
#include "lib/log.hpp"
#include "lib/text.hpp"
#include "model/conntrack_timeouts.hpp"
#include "netfilter/conntrack_module.hpp"
#include "netfilter/conntrack_source.hpp"
#include "netfilter/sysctl.hpp"
#include "report/limit_render.hpp"

namespace ctguard {

namespace {

// nf_conntrack_max is an int in the kernel; 0 would mean "no limit at all".
constexpr uint64_t kMaxLimit = 2147483647;

struct LimitArgs {
    Thresholds thresholds;
    std::string value;                  // limit set N
    std::string hashsize;               // --hashsize H
    std::vector<std::string> timeouts;  // --set NAME=SECONDS
    bool persist = false, fix_conflicts = false, dry_run = false;
};

Result<uint64_t> positive(const std::string& what, const std::string& text, uint64_t max) {
    auto v = parse_count(text, max);
    if (!v || *v == 0) {
        return Error::usage(what, fmt::format("'{}' is not a positive integer (1-{})", text, max));
    }
    return *v;
}

Error host_only(const std::string& what) {
    return {Exit::noperm, what,
            "nf_conntrack_max is read-only in this network namespace: the limit belongs to the host",
            "run it on the host (the initial network namespace); a container cannot raise or lower it"};
}

// A --root tree without /proc/sys (an offline image): only files can change there.
bool offline(const RootDir& root) {
    return !root.live() && access(sysctl_path(root, "net").c_str(), F_OK) != 0;
}

// Plans the files of --persist for `values`; nf_conntrack goes into modules-load.d unless something
// else already loads it early.
Result<PersistPlan> plan_files(const RootDir& root, const std::vector<std::pair<SysctlKey, uint64_t>>& values,
                               std::optional<uint64_t> hashsize, bool fix, ApplyReport& report) {
    auto config = read_sysctl_config(root);
    if (!config) return config.error();
    auto module = read_module_at_boot(root);
    if (!module) return module.error();
    ModuleFiles files;
    auto ml = read_config_file(root, kCtguardModulesLoadFile);
    if (!ml) return ml.error();
    files.modules_load = *ml;
    auto mp = read_config_file(root, kCtguardModprobeFile);
    if (!mp) return mp.error();
    files.modprobe = *mp;

    PersistRequest req;
    req.values = values;
    req.hashsize = hashsize;
    req.fix_conflicts = fix;
    req.load_module = !module->early() || module->listed_in == kCtguardModulesLoadFile;
    if (hashsize && module->builtin) {
        // modprobe.d options never reach a built-in module; the buckets sysctl does the same job.
        req.values.emplace_back(conntrack_buckets_key(), *hashsize);
        report.notes.push_back(
            "nf_conntrack is built into this kernel, so modprobe.d options do not apply to it: "
            "the hashsize also goes into " +
            std::string(kCtguardSysctlFile) + " as net.netfilter.nf_conntrack_buckets");
    }
    if (module->builtin)
        report.notes.push_back("nf_conntrack is built in: its sysctls exist when systemd-sysctl runs");
    else if (!req.load_module)
        report.notes.push_back("nf_conntrack is loaded early by " + module->listed_in);
    return plan_persist(*config, req, files);
}

// What `limit set` and `limit timeouts --set` share once the live values are checked: plan the files
// (--persist), then print the plan (--dry-run) or write the files and then the live values. Files go
// first: when one cannot be written, the running kernel is still as it was.
Result<int> persist_and_apply(const GlobalOptions& g, const LimitArgs& a,
                              const std::vector<std::pair<SysctlKey, uint64_t>>& values,
                              std::optional<uint64_t> hashsize, ApplyReport& report,
                              const std::function<Result<void>()>& apply_live) {
    const RootDir root = g.root_dir();
    if (a.persist) {
        auto plan = plan_files(root, values, hashsize, a.fix_conflicts, report);
        if (!plan) return plan.error();
        report.files = plan->changes;
        report.conflicts = plan->conflicts;
        if (report.files.empty()) report.notes.push_back("the files already persist this: nothing to write");
    } else {
        report.notes.push_back("not persisted: lost at reboot (add --persist)");
    }
    if (!a.dry_run) {
        if (auto r = write_files(root, report.files); !r) return r.error();
        if (auto r = apply_live(); !r) return r.error();
    }
    print_result(g.json, apply_json, apply_text, report);
    return 0;
}

Result<int> run_set(const GlobalOptions& g, const LimitArgs& a) {
    const RootDir root = g.root_dir();
    auto n = positive("limit set", a.value, kMaxLimit);
    if (!n) return n.error();
    std::optional<uint64_t> hashsize;
    if (!a.hashsize.empty()) {
        auto h = positive("--hashsize", a.hashsize, kMaxLimit);
        if (!h) return h.error();
        hashsize = *h;
    }
    if (a.fix_conflicts && !a.persist) {
        return Error::usage("--fix-conflicts",
                            "needs --persist: the conflicting lines give way to ctguard's file");
    }
    const bool live = !offline(root);
    if (!live && !a.persist) {
        return Error::usage("limit set",
                            g.root + " has no /proc/sys (an offline image): only --persist can apply");
    }

    const SysctlKey key = conntrack_max_key();
    ApplyReport report;
    report.dry_run = a.dry_run;
    if (live) {
        if (sysctl_read_only(root, key.dotted)) return host_only("limit set");
        auto table = ConntrackSource::open(root);
        if (!table) return table.error();
        auto stats = table->stats();
        if (!stats) return stats.error();
        report.live.push_back({key.dotted, stats->max, *n});
        if (!a.dry_run && stats->max != *n) {
            report.notes.push_back(fmt::format("to undo: ctguard limit set {}{}", stats->max,
                                               a.persist ? " --persist" : ""));
        }
        if (hashsize) report.live.push_back({"hashsize", stats->buckets, *hashsize});
        if (*n < stats->count) {
            std::string w = fmt::format(
                "{} is below the current count ({}): new connections are dropped until "
                "entries expire",
                with_thousands(*n), with_thousands(stats->count));
            warn_once(w);
            report.notes.push_back(w);
        }
    }
    return persist_and_apply(g, a, {{key, *n}}, hashsize, report, [&]() -> Result<void> {
        if (!live) return {};
        if (hashsize) {
            if (auto r = write_hashsize(root, *hashsize); !r) return r;
        }
        auto r = write_sysctl_u64(root, key.dotted, *n);
        if (!r && r.error().code == Exit::noperm && sysctl_read_only(root, key.dotted))
            return host_only("limit set");
        return r;
    });
}

Result<int> run_timeouts(const GlobalOptions& g, const LimitArgs& a) {
    const RootDir root = g.root_dir();
    std::vector<std::pair<SysctlKey, uint64_t>> values;
    for (const auto& spec : a.timeouts) {
        auto eq = spec.find('=');
        auto name = parse_timeout_name(std::string_view(spec).substr(0, eq));
        if (!name) {
            return Error::usage("limit timeouts", fmt::format("unknown timeout '{}'", spec.substr(0, eq)),
                                "'ctguard limit timeouts' lists them, e.g. tcp_timeout_established");
        }
        if (eq == std::string::npos)
            return Error::usage("limit timeouts", "'" + spec + "' is not NAME=SECONDS");
        auto seconds = positive("limit timeouts: " + *name, spec.substr(eq + 1), kMaxTimeoutSeconds);
        if (!seconds) return seconds.error();
        values.emplace_back(timeout_key(*name), *seconds);
    }
    if ((a.persist || a.dry_run) && values.empty()) {
        return Error::usage("limit timeouts", "--persist and --dry-run need at least one --set NAME=SECONDS");
    }
    const bool live = !offline(root);

    if (values.empty()) {
        auto config = read_sysctl_config(root);
        if (!config) return config.error();
        std::vector<TimeoutRow> rows;
        std::vector<SysctlKey> keys;
        for (auto name : conntrack_timeout_names()) {
            SysctlKey key = timeout_key(name);
            TimeoutRow row{
                std::string(name), key.dotted, {}, persisted_value(*config, key, SysctlReader::boot), {}};
            if (auto v = read_sysctl_u64(root, key.dotted)) row.value = *v;
            for (const auto& adv : timeout_advice()) {
                if (adv.name == name && row.value && *row.value > adv.extreme_above)
                    row.recommended = adv.recommended;
            }
            rows.push_back(std::move(row));
            keys.push_back(std::move(key));
        }
        auto conflicts = config_conflicts(*config, keys);
        print_result(g.json, timeouts_json, timeouts_text, rows, conflicts);
        return 0;
    }

    ApplyReport report;
    report.dry_run = a.dry_run;
    if (live) {
        for (const auto& [key, value] : values) {
            auto before = read_sysctl_u64(root, key.dotted);
            if (!before) {
                if (before.error().code != Exit::unavailable) return before.error();
                return Error::unavailable(key.dotted, "this kernel has no such sysctl",
                                          "its protocol's conntrack module is not loaded");
            }
            if (sysctl_read_only(root, key.dotted)) {
                return Error{Exit::noperm, key.dotted, "read-only in this network namespace", {}};
            }
            report.live.push_back({key.dotted, *before, value});
        }
    } else if (!a.persist) {
        return Error::usage("limit timeouts",
                            g.root + " has no /proc/sys (an offline image): only --persist can apply");
    }
    return persist_and_apply(g, a, values, std::nullopt, report, [&]() -> Result<void> {
        if (!live) return {};
        for (const auto& [key, value] : values) {
            if (auto r = write_sysctl_u64(root, key.dotted, value); !r) return r;
        }
        return {};
    });
}

}  // namespace

Command add_limit_command(CLI::App& app, const GlobalOptions& g) {
    auto* cmd =
        app.add_subcommand("limit", "nf_conntrack_max: live value, what the boot applies, conflicts, advice");
    auto args = std::make_shared<LimitArgs>();
    add_threshold_options(cmd, args->thresholds);

    auto* set = cmd->add_subcommand("set", "set nf_conntrack_max live, and for every boot with --persist");
    set->add_option("N", args->value, "the new nf_conntrack_max")->required();
    set->add_option("--hashsize", args->hashsize, "also resize the hash table to H buckets");
    set->add_flag(
        "--persist", args->persist,
        "write /etc/sysctl.d/99-zz-ctguard.conf (and modules-load.d, modprobe.d) so it survives reboot");
    set->add_flag("--fix-conflicts", args->fix_conflicts,
                  "comment out legacy and overriding lines elsewhere (with a note and a backup)");
    set->add_flag("--dry-run", args->dry_run,
                  "print what would change, with a diff of every file; change nothing");

    auto* timeouts = cmd->add_subcommand("timeouts", "the nf_conntrack_*_timeout sysctls: show, or --set");
    timeouts->add_option("--set", args->timeouts,
                         "NAME=SECONDS, e.g. tcp_timeout_established=10800 (repeatable)");
    timeouts->add_flag("--persist", args->persist, "also write them to /etc/sysctl.d/99-zz-ctguard.conf");
    timeouts->add_flag("--dry-run", args->dry_run, "print what would change; change nothing");

    return {cmd, [&g, args, set, timeouts]() -> Result<int> {
                if (auto ok = check_thresholds(args->thresholds); !ok) return ok.error();
                if (set->parsed()) return run_set(g, *args);
                if (timeouts->parsed()) return run_timeouts(g, *args);
                auto table = ConntrackSource::open(g.root_dir());
                if (!table) return table.error();
                auto stats = table->stats();
                if (!stats) return stats.error();
                auto report = collect_limit(g.root_dir(), *stats, args->thresholds);
                if (!report) return report.error();
                print_result(g.json, limit_json, limit_text, *report);
                return 0;
            }};
}

}  // namespace ctguard
