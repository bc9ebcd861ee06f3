// ctguard daemon --config FILE | --check-config FILE: host/provider mode (see daemon/daemon.hpp).
#include "cli/commands.hpp"
#include "daemon/daemon.hpp"
#include "daemon/snapshot_store.hpp"
#include "report/daemon_config_render.hpp"

namespace ctguard {

namespace {

struct DaemonArgs {
    std::string config;
    std::string check;
    bool verbose = false;
};

}  // namespace

Command add_daemon_command(CLI::App& app, const GlobalOptions& g) {
    auto* cmd =
        app.add_subcommand("daemon", "host/provider mode: tenants, thresholds, actions, history, /metrics");
    auto args = std::make_shared<DaemonArgs>();
    auto* config = cmd->add_option("--config", args->config, "TOML configuration (see contrib/ctguard.toml)");
    auto* check =
        cmd->add_option("--check-config", args->check, "validate FILE, print what it sets up, and exit");
    config->excludes(check);
    cmd->add_flag("--verbose", args->verbose, "log one line per interval with the collection time");
    return {
        cmd, [&g, args]() -> Result<int> {
            if (!args->check.empty()) {
                auto c = load_daemon_config(args->check);
                if (!c) return c.error();
                print_text(config_summary_text(*c, args->check));
                return 0;
            }
            if (args->config.empty()) {
                return Error::usage("daemon", "--config FILE is required",
                                    "validate one first with --check-config FILE");
            }
            auto c = load_daemon_config(args->config);
            if (!c) return c.error();

            SnapshotStore snapshots;
            Daemon daemon(DaemonOptions{args->config, g.root_dir(), args->verbose}, std::move(*c), snapshots);
            return daemon.run();
        }};
}

}  // namespace ctguard
