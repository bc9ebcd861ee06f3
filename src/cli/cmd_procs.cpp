// ctguard procs [--watch SECONDS] [--pid PID | --explain PID] [--all] [--kill GROUP --yes [--evidence-dir DIR]]:
// which processes fill the table, which look malicious and why, and which rotate.
#include <algorithm>

#include "analysis/name_model.hpp"
#include "cli/commands.hpp"
#include "cli/procs_kill.hpp"
#include "collect/procs_collect.hpp"
#include "config/allow_config.hpp"
#include "lib/log.hpp"
#include "lib/text.hpp"
#include "report/procs_render.hpp"

namespace ctguard {

namespace {

struct ProcsArgs {
    std::string watch;
    std::string pid;
    std::string explain;
    bool all = false;
    std::string kill;
    bool yes = false;
    std::string evidence_dir = "/var/lib/ctguard/evidence";
};

// Which processes to list: with --pid that one; with --all every user-space process; otherwise
// those that matter here (flows, raw sockets, a rotating group, or suspicious). Most flows first.
std::vector<size_t> select_shown(const ProcsReport& r, bool all, int pid) {
    std::vector<size_t> shown;
    for (size_t i = 0; i < r.processes.size(); ++i) {
        const auto& p = r.processes[i];
        bool matters = p.flows.flows > 0 || p.flows.raw_sockets + p.flows.packet_sockets > 0 ||
                       !p.group.empty() || p.suspicious;
        if (pid ? p.info.pid == pid : (all ? !p.info.kernel_thread : matters)) shown.push_back(i);
    }
    std::stable_sort(shown.begin(), shown.end(), [&](size_t a, size_t b) {
        const auto& pa = r.processes[a];
        const auto& pb = r.processes[b];
        if (pa.flows.flows != pb.flows.flows) return pa.flows.flows > pb.flows.flows;
        return pa.score > pb.score;
    });
    return shown;
}

}  // namespace

Command add_procs_command(CLI::App& app, const GlobalOptions& g) {
    auto* cmd =
        app.add_subcommand("procs", "flows per process; suspicious and rotating processes with reasons");
    auto args = std::make_shared<ProcsArgs>();
    cmd->add_option("--watch", args->watch, "follow processes for SECONDS (fork/exec/exit through cn_proc)");
    cmd->add_option("--pid", args->pid, "show only this process");
    cmd->add_option("--explain", args->explain,
                    "show this process with every signal (fired or not), its weight, and the rule's result");
    cmd->add_flag("--all", args->all, "list every process, not only those with flows or findings");
    cmd->add_option("--kill", args->kill, "stop, keep evidence of, and kill rotating group GROUP");
    cmd->add_flag("--yes", args->yes, "confirm --kill");
    cmd->add_option("--evidence-dir", args->evidence_dir,
                    "where --kill keeps binaries (a root-only directory, no symlinks on its path)")
        ->capture_default_str();
    return {cmd, [&g, args]() -> Result<int> {
                if (!args->kill.empty()) {
                    if (!args->watch.empty() || !args->pid.empty() || !args->explain.empty()) {
                        return Error::usage("procs --kill", "cannot be combined with --watch, --pid or --explain");
                    }
                    // A --root tree's /proc lists someone else's PIDs; signalling them would hit this
                    // machine's processes that happen to have the same numbers.
                    if (!g.root_dir().live()) {
                        return Error::usage("procs --kill",
                                            "cannot be combined with --root: it signals this machine's "
                                            "processes, not the tree's");
                    }
                    if (args->evidence_dir.empty() || args->evidence_dir[0] != '/') {
                        return Error::usage("--evidence-dir",
                                            "'" + args->evidence_dir + "' is not an absolute path");
                    }
                    auto k = kill_group(g.root_dir(), {args->kill, args->evidence_dir, args->yes});
                    if (!k) return k.error();
                    print_result(g.json, kill_json, kill_text, *k);
                    // The group is dead either way; exit 1 tells a script that the evidence is not all there.
                    if (!k->evidence_problems.empty()) {
                        log_warning("procs --kill: killed, but evidence not kept: " +
                                    printable(k->evidence_problems.front()));
                        return 1;
                    }
                    return 0;
                }
                std::optional<double> seconds;
                if (!args->watch.empty()) {
                    seconds = parse_seconds(args->watch);
                    if (!seconds || *seconds > 3600) {
                        return Error::usage(
                            "--watch", "'" + args->watch + "' is not a number of seconds (0 < S <= 3600)");
                    }
                }
                if (!args->pid.empty() && !args->explain.empty())
                    return Error::usage("--explain", "cannot be combined with --pid (it takes the PID itself)");
                const bool explain = !args->explain.empty();
                const std::string& pid_text = explain ? args->explain : args->pid;
                const char* pid_flag = explain ? "--explain" : "--pid";
                int pid = 0;
                if (!pid_text.empty()) {
                    auto v = parse_u64(pid_text, INT32_MAX);
                    if (!v || *v == 0) return Error::usage(pid_flag, "'" + pid_text + "' is not a process id");
                    pid = static_cast<int>(*v);
                }
                auto allow = load_allow_list(g.root_dir());
                if (!allow) return allow.error();
                ProcessCollector collector(g.root_dir());
                auto looked = seconds ? collector.watch(*seconds, nullptr, progress_on_terminal()) : collector.snapshot();
                if (seconds) end_progress();
                if (!looked) return looked.error();
                ProcsReport report = collector.finish({NameModel::builtin(), &*allow, {}});
                auto shown = select_shown(report, args->all, pid);
                if (pid && shown.empty()) {
                    return Error::unavailable(pid_flag, "no process " + pid_text, "see 'ctguard procs --all'");
                }
                print_result(
                    g.json, [&](const ProcsReport& r) { return procs_json(r, shown, explain); },
                    [&](const ProcsReport& r) { return procs_text(r, shown, explain); }, report);
                return 0;
            }};
}

}  // namespace ctguard
