// ctguard audit: SSH settings, accounts, authorized_keys and persistence, as findings with fixes.
// Exit 0 whenever the audit ran (findings are output, not errors); `check` turns them into its verdict.
#include "cli/commands.hpp"
#include "collect/audit_run.hpp"
#include "report/audit_render.hpp"

namespace ctguard {

Command add_audit_command(CLI::App& app, const GlobalOptions& g) {
    auto* cmd = app.add_subcommand(
        "audit", "SSH, account and persistence audit: findings with severity, file, line and fix");
    auto options = std::make_shared<AuditOptions>();
    cmd->add_option(
           "--known-keys", options->known_keys_path,
           "your list of trusted keys (fingerprints or public key lines); keys not in it are flagged")
        ->capture_default_str();
    return {cmd, [&g, options]() -> Result<int> {
                auto report = run_audit(g.root_dir(), *options);
                print_result(
                    g.json, audit_json, [&](const AuditReport& r) { return audit_text(r, g.text_width()); }, report);
                return 0;
            }};
}

}  // namespace ctguard
