// ctguard: parses the command line, enters the requested namespace, runs one command, maps errors
// to the exit codes of docs/CLI.md. Nothing else happens here.
#include <exception>

#include "cli/bash_completion.hpp"
#include "cli/command_line.hpp"
#include "cli/commands.hpp"
#include "cli/man_page.hpp"
#include "cli/version.hpp"
#include "collect/audit_run.hpp"
#include "host/netns.hpp"
#include "lib/log.hpp"

using namespace ctguard;

namespace {

int report(const Error& e) {
    log_failure(e);
    return static_cast<int>(e.code);
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"ctguard: keeps the connection-tracking table from overflowing, and finds out why it does"};
    const std::string version = CTGUARD_VERSION " (commit " CTGUARD_COMMIT ")";
    app.set_version_flag("--version", "ctguard " + version);
    app.require_subcommand(1);
    // Global options are read after the command too (`ctguard status --json`): every subcommand
    // inherits this and hands the options it does not know to its parent.
    app.fallthrough();
    GlobalOptions g;
    app.add_option("--netns", g.netns,
                   "network namespace: a name under /run/netns, a path, a PID, or pid:PID");
    app.add_flag("--json", g.json, "machine-readable output (docs/CLI.md shapes)");
    app.add_option("--root", g.root, "read /proc, /sys and /etc under DIR (tests, offline images)");
    app.add_flag("--wide", g.wide, "do not wrap text to the terminal's width (or 80 columns)");
    app.footer("A command's options: ctguard help COMMAND. Start with: ctguard check");

    // In the order `ctguard --help` lists them: the main job first, then observe, act, operate.
    std::vector<Command> commands = {
        add_check_command(app, g),  add_status_command(app, g),  add_top_command(app, g),
        add_list_command(app, g),   add_watch_command(app, g),   add_procs_command(app, g),
        add_audit_command(app, g),  add_harden_command(app, g),  add_metrics_command(app, g),
        add_daemon_command(app, g), add_history_command(app, g), add_debug_command(app, g),
    };
    commands.push_back(add_limit_command(app, g));
    commands.push_back(add_flush_command(app, g));
    commands.push_back(add_cap_command(app, g));
    commands.push_back(add_shield_command(app, g));
    polish_help(app);

    std::vector<std::string> words = expand_help(std::vector<std::string>(argv + 1, argv + argc));
    // What the build installs as ctguard(8) and the bash completion, made from the definitions above
    // (src/cli/man_page.hpp); not options a user needs, so --help does not list them.
    if (words.size() == 1 && (words[0] == "--man-page" || words[0] == "--bash-completion")) {
        print_text(words[0] == "--man-page" ? man_page(app, version) : bash_completion(app));
        if (auto flushed = flush_stdout(); !flushed) return report(flushed.error());
        return 0;
    }
    if (auto unknown = unknown_command(app, words)) return report(*unknown);
    try {
        std::reverse(words.begin(), words.end());  // CLI11 takes the words last first
        app.parse(words);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        return report(usage_error(app, e));
    }

    try {
        const auto root = g.root_dir();
        if (auto ok = check_root_dir(root); !ok) return report(ok.error());
        if (!g.netns.empty()) {
            if (auto r = enter_netns(root, cli_netns_spec(root, g.netns)); !r) return report(r.error());
        }
        for (auto& c : commands) {
            if (!c.app->parsed()) continue;
            auto rc = c.run();
            if (auto flushed = flush_stdout(); !flushed) return report(flushed.error());
            if (!rc) return report(rc.error());
            return *rc;
        }
        return report(Error::usage("usage", "no command given", "'ctguard help' lists the commands"));
    } catch (const std::exception& e) {
        return report(Error::internal("internal error", e.what()));
    }
}
