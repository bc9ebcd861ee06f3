#pragma once
// One function per subcommand (each in its own cmd_*.cpp): registers flags, returns what runs it.
#include "cli/options.hpp"

namespace ctguard {

Command add_status_command(CLI::App& app, const GlobalOptions& g);
Command add_top_command(CLI::App& app, const GlobalOptions& g);
Command add_list_command(CLI::App& app, const GlobalOptions& g);
Command add_watch_command(CLI::App& app, const GlobalOptions& g);
Command add_check_command(CLI::App& app, const GlobalOptions& g);
Command add_metrics_command(CLI::App& app, const GlobalOptions& g);
Command add_procs_command(CLI::App& app, const GlobalOptions& g);
Command add_debug_command(CLI::App& app, const GlobalOptions& g);
Command add_audit_command(CLI::App& app, const GlobalOptions& g);
Command add_harden_command(CLI::App& app, const GlobalOptions& g);
Command add_daemon_command(CLI::App& app, const GlobalOptions& g);
Command add_history_command(CLI::App& app, const GlobalOptions& g);
Command add_limit_command(CLI::App& app, const GlobalOptions& g);
Command add_flush_command(CLI::App& app, const GlobalOptions& g);
Command add_cap_command(CLI::App& app, const GlobalOptions& g);
Command add_shield_command(CLI::App& app, const GlobalOptions& g);

}  // namespace ctguard
