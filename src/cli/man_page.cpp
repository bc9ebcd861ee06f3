#include "cli/man_page.hpp"

#include "cli/command_line.hpp"
#include "lib/text.hpp"

namespace ctguard {

namespace {

// Text as roff reads it: backslashes and hyphens escaped (a bare '-' may be typeset as a hyphen, and
// options must stay copyable), and a line that would start with '.' or '\'' guarded by "\&".
std::string roff(std::string_view s) {
    std::string out;
    bool line_start = true;
    for (char c : s) {
        if (line_start && (c == '.' || c == '\'')) out += "\\&";
        if (c == '\\')
            out += "\\e";
        else if (c == '-')
            out += "\\-";
        else
            out += c;
        line_start = c == '\n';
    }
    return out;
}

std::string bold(std::string_view s) {
    return "\\fB" + roff(s) + "\\fR";
}

std::string italic(std::string_view s) {
    return "\\fI" + roff(s) + "\\fR";
}

// "-n, --top N" or "--json": the names in bold, the value's name in italics.
std::string option_label(const CLI::Option* opt) {
    std::string label;
    if (opt->get_positional()) return italic(opt->get_name(true));
    for (const auto& s : opt->get_snames()) label += (label.empty() ? "" : ", ") + bold("-" + s);
    for (const auto& l : opt->get_lnames()) label += (label.empty() ? "" : ", ") + bold("--" + l);
    if (opt->get_expected_max() > 0) label += " " + italic(option_value_name(opt));
    return label;
}

std::string option_entry(const CLI::Option* opt) {
    std::string text = opt->get_description();
    if (!opt->get_default_str().empty()) text += " (default: " + opt->get_default_str() + ")";
    if (opt->get_required()) text += " (required)";
    return ".TP\n" + option_label(opt) + "\n" + roff(text) + "\n";
}

// A command's section, then its subcommands' (limit set, harden ssh, ...).
void add_command(std::string& out, CLI::App* cmd) {
    std::string usage = command_path(cmd);
    const auto options = cmd->get_options([cmd](const CLI::Option* o) { return o != cmd->get_help_ptr(); });
    bool has_named = false;
    for (const auto* opt : options) has_named = has_named || opt->nonpositional();
    if (has_named) usage += " [OPTIONS]";
    for (const auto* opt : options) {
        if (opt->get_positional()) usage += " " + opt->get_name(true) + (opt->get_required() ? "" : "...");
    }
    if (!all_subcommands(cmd).empty()) usage += " SUBCOMMAND";
    out += ".SS \"" + roff(usage) + "\"\n" + roff(cmd->get_description()) + "\n";
    for (const auto* opt : options) out += option_entry(opt);
    for (auto* sub : all_subcommands(cmd)) add_command(out, sub);
}

}  // namespace

std::string man_page(CLI::App& app, std::string_view version) {
    std::string out;
    out += ".\\\" Made by `ctguard --man-page` from ctguard's command-line definitions; do not edit.\n";
    out += ".TH CTGUARD 8 \"\" \"ctguard " + roff(version) + "\" \"System Administration\"\n";
    std::string what = app.get_description();
    if (what.starts_with("ctguard: ")) what.erase(0, 9);
    out += ".SH NAME\nctguard \\- " + roff(what) + "\n";
    out += ".SH SYNOPSIS\n" + bold("ctguard") + " [" + italic("GLOBAL OPTIONS") + "] " + italic("COMMAND") + " [" +
           italic("OPTIONS") + "]\n.br\n" + bold("ctguard help") + " [" + italic("COMMAND") + " [" +
           italic("SUBCOMMAND") + "]]\n";
    out += ".SH DESCRIPTION\n" +
           roff("ctguard tells how full the kernel's connection-tracking (netfilter conntrack) table is, where its "
                "entries come from, which processes hold them, whether it is an attack or a compromise, and "
                "what to do, as commands to paste. It caps the table, caps sources in nftables, flushes what "
                "matches, and runs as a daemon (ctguard.service) with alerts, actions, incident history and "
                "Prometheus metrics.") +
           "\n.PP\n" +
           roff("Global options work before or after the command. \"ctguard help COMMAND\" prints a command's "
                "options as this page lists them; both are made from the same definitions. Numbers are taken "
                "as ctguard prints them, with thousands separators (29,000). Start with \"ctguard check\".") +
           "\n";
    out += ".SH GLOBAL OPTIONS\n";
    for (const auto* opt : app.get_options()) out += option_entry(opt);
    out += ".SH COMMANDS\n";
    for (auto* cmd : all_subcommands(&app)) add_command(out, cmd);
    // The codes are lib/result.hpp's Exit and check's levels; docs/CLI.md has the same table, and
    // tests/cli/man_page.sh checks that both list the same codes.
    out += ".SH EXIT STATUS\n";
    const std::pair<const char*, const char*> codes[] = {
        {"0", "success; check: level ok and verdict normal"},
        {"1", "check: level elevated, or nf_conntrack_max misconfigured; procs --kill: the group was killed "
              "but its evidence was not (all) kept"},
        {"2", "check: level capped or critical, or an attack or a compromise"},
        {"64", "usage error: an unknown command or option, a bad value, a bad configuration file"},
        {"69", "unavailable: nf_conntrack not loaded, no such namespace, no ctnetlink"},
        {"70", "internal error"},
        {"74", "standard output could not be written; the output is incomplete"},
        {"77", "permission denied (root or CAP_NET_ADMIN needed)"},
    };
    for (const auto& [code, meaning] : codes) out += ".TP\n" + bold(code) + "\n" + roff(meaning) + "\n";
    out += ".SH FILES\n";
    const std::pair<const char*, const char*> files[] = {
        {"/etc/ctguard/ctguard.toml", "the daemon's configuration, see ctguard.toml(5)"},
        {"/var/lib/ctguard/history.db", "the daemon's incident history (SQLite), read by \"ctguard history\""},
        {"/var/lib/ctguard/evidence", "binaries kept by \"ctguard procs --kill\""},
        {"/etc/sysctl.d/99-zz-ctguard.conf", "what \"ctguard limit set --persist\" writes for the next boot"},
    };
    for (const auto& [file, what_for] : files) out += ".TP\n" + italic(file) + "\n" + roff(what_for) + "\n";
    out += ".SH SEE ALSO\n" + bold("ctguard.toml") + "(5), " + bold("conntrack") + "(8), " + bold("nft") + "(8), " +
           bold("ip-netns") + "(8), " + bold("systemctl") + "(1)\n";
    return out;
}

}  // namespace ctguard
