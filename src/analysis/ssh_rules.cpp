// SSH findings: the settings sshd runs with, and Match blocks that turn risky ones back on.
#include "analysis/ssh_rules.hpp"

#include <fmt/format.h>

#include "analysis/sshd_settings.hpp"

namespace ctguard {

namespace {

struct Rule {
    const char* id;
    const char* keyword;
    const char* safe_value;  // what `harden ssh` writes
    bool needs_pam;          // keyboard-interactive asks for a password only through PAM
    bool needs_passwords;    // risky only while password logins are on: low severity otherwise
    const char* risk;        // why "yes" is dangerous, for a newcomer
};

const Rule kRules[] = {
    {"ssh.password_auth", "passwordauthentication", "no", false, false,
     "SSH accepts passwords: bots try common passwords against every server all day, and one weak password "
     "gives them the machine"},
    {"ssh.kbd_interactive", "kbdinteractiveauthentication", "no", true, false,
     "SSH accepts keyboard-interactive logins and UsePAM is yes, so PAM asks for the account password: "
     "password logins by another name"},
    {"ssh.root_login", "permitrootlogin", "prohibit-password", false, true,
     "Root may log in over SSH with a password, and root is the account every bot tries first"},
    {"ssh.empty_passwords", "permitemptypasswords", "no", false, true,
     "Accounts with an empty password can log in over SSH without typing anything"},
};

std::string fix_for(const Rule& r) {
    if (!r.needs_passwords) {
        return "Run `ctguard harden ssh` to see the change, then `ctguard harden ssh --apply`: it turns "
               "password "
               "logins off only after checking that an SSH key still lets root or a sudo user in.";
    }
    return fmt::format(
        "Set `{} {}`; `ctguard harden ssh --apply` does this while it turns password logins off.",
        sshd_directive_name(r.keyword), r.safe_value);
}

}  // namespace

std::vector<Finding> ssh_findings(const SshdConfig& config, const SshdSettings& s) {
    std::vector<Finding> out;
    const bool passwords = password_logins_on(s);
    for (const Rule& r : kRules) {
        if (r.needs_pam && !s.yes("usepam")) continue;
        const SshdSetting& set = s.setting(r.keyword);
        const std::string directive = sshd_directive_name(r.keyword);
        const bool latent = r.needs_passwords && !passwords;
        const Severity severity = latent ? Severity::low : Severity::high;
        const std::string risk =
            latent ? std::string(r.risk) +
                         "; password logins are off today, so this only matters once they are back"
                   : r.risk;
        if (set.value == "yes") {
            std::string how =
                set.file.empty()
                    ? fmt::format("{} is not set in any file, so sshd uses its built-in default (yes)",
                                  directive)
                    : fmt::format("{} is yes", directive);
            out.push_back({r.id, severity, set.file.empty() ? config.main_path : set.file, set.line,
                           fmt::format("{}. {}.", how, risk), fix_for(r)});
            continue;
        }
        // Match blocks are applied per connection after the global values, so a "yes" there wins for the
        // users or addresses it names even though the global value is not "yes".
        for (const SshdDirective* d : match_turns_on(config, r.keyword)) {
            out.push_back(
                {r.id, severity, d->file, d->line,
                 fmt::format("'Match {}' turns {} back on for those connections. {}.", d->match_text(),
                             directive, risk),
                 fmt::format("Change this line to `{} {}` or delete it (a drop-in cannot override a Match "
                             "block), then check with `sshd -t` and reload: `systemctl reload ssh`.",
                             directive, r.safe_value)});
        }
    }

    for (const auto& p : config.problems) {
        out.push_back({"ssh.config_error", Severity::medium, p.file, p.line,
                       "sshd would refuse to start with this line: " + p.message + ".",
                       "Correct the line, then check the whole configuration with `sshd -t`."});
    }
    return out;
}

}  // namespace ctguard
