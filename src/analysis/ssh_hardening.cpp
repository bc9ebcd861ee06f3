#include "analysis/ssh_hardening.hpp"

#include <fmt/format.h>
#include <fnmatch.h>

#include <algorithm>

#include "analysis/admin_logins.hpp"
#include "analysis/ssh_login_rules.hpp"
#include "analysis/sshd_settings.hpp"
#include "lib/text.hpp"

namespace ctguard {

namespace {

std::string with_count(size_t n, const char* one, const char* many) {
    return fmt::format("{} {}", n, n == 1 ? one : many);
}

}  // namespace

std::vector<KeyAccess> key_access(const Accounts& accounts, const std::vector<AuthorizedKeysFile>& key_files,
                                  const SshdSettings& ssh, int64_t now, const std::string& sudo_user) {
    const int64_t today = now / 86400;
    std::vector<KeyAccess> out;
    std::string global_refusal;
    if (!ssh.yes("pubkeyauthentication")) global_refusal = "PubkeyAuthentication is no";
    const std::string& methods = ssh.value("authenticationmethods");
    if (methods != "any") {
        // Each space-separated list is one way in; a list needing more than a key dies with passwords.
        bool key_only = false;
        for (auto list : split(methods, ' ')) key_only = key_only || list == "publickey";
        if (!key_only) global_refusal = "AuthenticationMethods '" + methods + "' needs more than a key";
    }

    for (const PasswdEntry* admin : admin_accounts(accounts, sudo_user)) {
        const PasswdEntry& user = *admin;
        KeyAccess a{user.name, false, ""};
        std::string refusal =
            global_refusal.empty() ? account_refusal(accounts, user, ssh, today) : global_refusal;
        std::vector<std::string> usable, unusable;
        size_t files = 0;
        for (const auto& f : key_files) {
            if (f.user != user.name) continue;
            ++files;
            if (!f.strict_modes_problem.empty() && ssh.yes("strictmodes")) {
                unusable.push_back(f.path + " is ignored by sshd (StrictModes): " + f.strict_modes_problem);
                continue;
            }
            for (const auto& k : f.keys) {
                auto why = key_refusal(k, ssh, now);
                if (why.empty()) {
                    auto from = key_option(k.options, "from");
                    usable.push_back(fmt::format("{} {} in {}{}", k.type, k.fingerprint, f.path,
                                                 from ? " (only from " + *from + ")" : ""));
                } else
                    unusable.push_back(fmt::format("{}:{}: {}", f.path, k.line, why));
            }
        }
        if (!refusal.empty()) {
            a.detail = "cannot log in over SSH: " + refusal;
        } else if (!usable.empty()) {
            a.usable = true;
            a.detail = with_count(usable.size(), "usable key: ", "usable keys: ") + usable.front() +
                       (usable.size() > 1 ? ", ..." : "");
        } else if (files == 0) {
            a.detail = "no authorized_keys file (" + ssh.value("authorizedkeysfile") + ")";
        } else {
            a.detail =
                "no usable key: " + (unusable.empty() ? "the file holds no keys" : join(unusable, "; "));
        }
        out.push_back(std::move(a));
    }
    return out;
}

std::map<std::string, std::string> hardening_settings(const SshdSettings& ssh) {
    bool off = ssh.value("passwordauthentication") == "no" &&
               ssh.value("kbdinteractiveauthentication") == "no" &&
               ssh.value("permitemptypasswords") == "no" && ssh.value("permitrootlogin") != "yes";
    if (off) return {};
    // All three, even those already "no" elsewhere: the drop-in then keeps them off if that line changes.
    std::map<std::string, std::string> want = {{"passwordauthentication", "no"},
                                               {"kbdinteractiveauthentication", "no"},
                                               {"permitemptypasswords", "no"}};
    // Only ever tighten: "no" and "forced-commands-only" are stricter than prohibit-password.
    if (ssh.value("permitrootlogin") == "yes") want["permitrootlogin"] = "prohibit-password";
    return want;
}

std::string drop_in_text(const std::map<std::string, std::string>& settings) {
    std::string out =
        "# Written by `ctguard harden ssh --apply`. sshd keeps the first value it reads for each setting, "
        "and\n"
        "# sshd_config includes this file before its own settings, so these lines win. Delete this file and\n"
        "# reload sshd (systemctl reload ssh) to undo.\n";
    for (const auto& [keyword, value] : settings) out += sshd_directive_name(keyword) + " " + value + "\n";
    return out;
}

DropInPlace choose_drop_in(const SshdConfig& config) {
    for (const auto& inc : config.includes) {
        if (!inc.match.empty()) continue;
        auto slash = inc.pattern.rfind('/');
        std::string dir = inc.pattern.substr(0, slash);
        if (dir.find_first_of("*?[") != std::string::npos) continue;
        std::string path = dir + "/" + kDropInName;
        if (::fnmatch(inc.pattern.c_str(), path.c_str(), FNM_PATHNAME | FNM_PERIOD) == 0) return {path, ""};
    }
    return {"", fmt::format(
                    "{} has no Include line outside Match blocks that would read a file named {} (Debian "
                    "starts sshd_config with `Include /etc/ssh/sshd_config.d/*.conf`), so no drop-in can win",
                    config.main_path, kDropInName)};
}

std::vector<std::string> drop_in_losers(const SshdSettings& after,
                                        const std::map<std::string, std::string>& wanted) {
    std::vector<std::string> out;
    for (const auto& [keyword, value] : wanted) {
        const SshdSetting& s = after.setting(keyword);
        if (s.value == value) continue;
        if (s.file.empty()) {
            out.push_back(fmt::format("sshd never reads the drop-in, so {} stays at its default ({})",
                                      sshd_directive_name(keyword), s.value));
            continue;
        }
        out.push_back(fmt::format("{}:{} sets {} {} and sshd reads it before the drop-in", s.file, s.line,
                                  sshd_directive_name(keyword), s.value));
    }
    return out;
}

std::vector<std::string> match_leftovers(const SshdConfig& config, const SshdSettings& after) {
    std::vector<std::string> out;
    for (const char* keyword : {"passwordauthentication", "kbdinteractiveauthentication"}) {
        if (keyword == std::string_view("kbdinteractiveauthentication") && !after.yes("usepam")) continue;
        for (const SshdDirective* d : match_turns_on(config, keyword)) {
            out.push_back(
                fmt::format("{}:{}: 'Match {}' sets {} yes, and a drop-in cannot override a Match block: "
                            "change that line to no yourself, then `systemctl reload ssh`",
                            d->file, d->line, d->match_text(), sshd_directive_name(keyword)));
        }
    }
    return out;
}

}  // namespace ctguard
