// ctguard: parses the command line, enters the requested namespace, runs one command, maps errors
// to the exit codes of docs/CLI.md. Nothing else happens here.
#include <algorithm>
#include <exception>
#include <iterator>
#include <string_view>

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

struct CommandMaker {
    std::string_view name;
    Command (*add)(CLI::App&, const GlobalOptions&);
};

// In the order `ctguard --help` lists them: the main job first, then observe, act, operate.
constexpr CommandMaker kCommands[] = {
    {"check", add_check_command},   {"status", add_status_command},   {"top", add_top_command},
    {"list", add_list_command},     {"watch", add_watch_command},     {"procs", add_procs_command},
    {"audit", add_audit_command},   {"harden", add_harden_command},   {"metrics", add_metrics_command},
    {"daemon", add_daemon_command}, {"history", add_history_command}, {"debug", add_debug_command},
    {"limit", add_limit_command},   {"flush", add_flush_command},     {"cap", add_cap_command},
    {"shield", add_shield_command},
};

// Building every command's options took most of a start's instructions (docs/testing.md), so only
// the commands the words name are built: the one given, and another whose name is the value of an
// option (`--netns check status`). `--version` alone needs none. When no word names one (--help, a
// typo) all are, for the list and the suggestions.
std::vector<CommandMaker> commands_to_build(const std::vector<std::string>& words) {
    if (words == std::vector<std::string>{"--version"}) return {};
    std::vector<CommandMaker> named;
    for (const auto& m : kCommands) {
        if (std::find(words.begin(), words.end(), m.name) != words.end()) named.push_back(m);
    }
    if (named.empty()) named.assign(std::begin(kCommands), std::end(kCommands));
    return named;
}

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

    std::vector<std::string> words = expand_help(std::vector<std::string>(argv + 1, argv + argc));
    std::vector<Command> commands;
    for (const auto& maker : commands_to_build(words)) {
        commands.push_back(maker.add(app, g));
        // A name in kCommands that is not the command's own would only make every start slower.
        if (commands.back().app->get_name() != maker.name)
            return report(Error::internal("commands", "'" + std::string(maker.name) + "' is not a command's name"));
    }
    polish_help(app);

    // What the build installs as ctguard(8) and the bash completion, made from the definitions above
    // (src/cli/man_page.hpp; no command is named, so all are built); not options a user needs, so
    // --help does not list them.
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
