#include "analysis/admin_logins.hpp"

#include <fmt/format.h>
#include <strings.h>

#include <algorithm>
#include <set>

#include "analysis/password_state.hpp"
#include "analysis/ssh_login_rules.hpp"
#include "lib/text.hpp"

namespace ctguard {

namespace {

const std::vector<std::string> kAdminGroups = {"sudo", "admin", "wheel"};

const std::set<std::string> kAuthKeywords = {
    "passwordauthentication", "kbdinteractiveauthentication", "pubkeyauthentication",
    "authenticationmethods",  "permitrootlogin",              "permitemptypasswords",
    "authorizedkeysfile",     "authorizedkeyscommand",        "pubkeyacceptedalgorithms"};

// Can the account type its password? Unknown (no /etc/shadow read) counts as yes.
std::string password_refusal(const Accounts& accounts, const PasswdEntry& user, const SshdSettings& ssh) {
    if (user.name == "root" && ssh.value("permitrootlogin") != "yes")
        return "PermitRootLogin " + ssh.value("permitrootlogin") + " allows no password for root";
    if (!accounts.shadow_read) return "";
    const ShadowEntry* sh = accounts.shadow_for(user.name);
    if (!sh) return "it has no /etc/shadow entry";
    switch (password_state(sh->hash)) {
        case PasswordState::usable:
            return "";
        case PasswordState::empty:
            return ssh.yes("permitemptypasswords") ? "" : "its password is empty and PermitEmptyPasswords is no";
        default:
            return "it has no usable password";
    }
}

// Why `method` does not work for the account; "" when it does. `keys_needed`: how often the list
// names publickey (each time a different key).
std::string method_refusal(std::string_view method, size_t keys_needed, size_t usable_keys,
                           const std::string& key_problem, const std::string& password_problem,
                           const SshdSettings& ssh) {
    std::string_view base = method.substr(0, method.find(':'));
    if (base == "publickey") {
        if (!ssh.yes("pubkeyauthentication")) return "PubkeyAuthentication is no";
        if (usable_keys < keys_needed)
            return keys_needed == 1 ? key_problem : fmt::format("it needs {} keys, and {} are usable", keys_needed, usable_keys);
        return "";
    }
    if (base == "password") {
        if (!ssh.yes("passwordauthentication")) return "PasswordAuthentication is no";
        return password_problem;
    }
    if (base == "keyboard-interactive") {
        if (!ssh.yes("kbdinteractiveauthentication")) return "KbdInteractiveAuthentication is no";
        // On Linux keyboard-interactive is PAM asking for the account's password.
        if (!ssh.yes("usepam")) return "UsePAM is no, so nothing answers keyboard-interactive";
        return password_problem;
    }
    return "ctguard does not check " + std::string(method) + " logins";
}

}  // namespace

std::vector<const PasswdEntry*> admin_accounts(const Accounts& accounts, const std::string& sudo_user) {
    std::vector<const PasswdEntry*> out;
    for (const auto& user : accounts.passwd) {
        bool admin = user.name == "root" || (!sudo_user.empty() && user.name == sudo_user);
        for (const auto& g : kAdminGroups) admin = admin || accounts.in_group(user, g);
        if (admin) out.push_back(&user);
    }
    return out;
}

LoginWays login_ways(const Accounts& accounts, const PasswdEntry& user, const SshdSettings& ssh,
                     const std::vector<AuthorizedKeysFile>& keys, int64_t now) {
    LoginWays out;
    if (auto why = account_refusal(accounts, user, ssh, now / 86400); !why.empty()) {
        out.why_none = why;
        return out;
    }
    size_t usable = 0;
    std::vector<std::string> problems;
    for (const auto& f : keys) {
        if (f.user != user.name) continue;
        if (!f.strict_modes_problem.empty() && ssh.yes("strictmodes")) {
            problems.push_back(f.path + " is ignored by sshd (StrictModes)");
            continue;
        }
        for (const auto& k : f.keys) {
            if (auto why = key_refusal(k, ssh, now); !why.empty()) {
                problems.push_back(fmt::format("{}:{}: {}", f.path, k.line, why));
                continue;
            }
            ++usable;
            if (auto from = key_option(k.options, "from"))
                out.key_notes.push_back(fmt::format("{}:{}: only from {}", f.path, k.line, *from));
        }
    }
    const std::string key_problem = problems.empty() ? "no usable key" : "no usable key (" + join(problems, "; ") + ")";
    const std::string password_problem = password_refusal(accounts, user, ssh);

    std::vector<std::string> lists;
    const std::string& methods = ssh.value("authenticationmethods");
    if (methods.empty() || methods == "any") {
        lists = {"publickey", "password", "keyboard-interactive"};
    } else {
        for (auto l : split(methods, ' ')) {
            if (!l.empty()) lists.emplace_back(l);
        }
    }
    std::vector<std::string> failures;
    for (const auto& list : lists) {
        auto steps = split(list, ',');
        size_t keys_needed = std::count(steps.begin(), steps.end(), std::string_view("publickey"));
        std::string why;
        for (auto step : steps) {
            why = method_refusal(step, keys_needed, usable, key_problem, password_problem, ssh);
            if (!why.empty()) {
                failures.push_back(list + ": " + why);
                break;
            }
        }
        if (why.empty()) out.ways.push_back(list);
    }
    if (out.ways.empty()) {
        out.why_none = (methods.empty() || methods == "any" ? "" : "AuthenticationMethods " + methods + "; ") +
                       join(failures, "; ");
    }
    return out;
}

std::string lockout(const std::string& user, const LoginWays& before, const LoginWays& after) {
    if (before.ways.empty() || !after.ways.empty()) return "";
    return fmt::format("{} would have no way in (now: {}): {}", user, join(before.ways, " or "), after.why_none);
}

std::vector<std::string> unevaluable_match_blocks(const SshdConfig& config, bool root_tree) {
    static const std::set<std::string> kWhere = {"address", "host", "localaddress", "localport", "rdomain"};
    std::vector<std::string> out;
    for (const auto& d : config.directives) {
        if (d.global() || !kAuthKeywords.count(d.keyword)) continue;
        std::string bad;
        for (const auto& line : d.match) {
            // "User alice Address 198.18.0.0/15": criterion, value, criterion, value ("All" stands alone).
            auto words = split(line, ' ');
            for (size_t i = 0; i < words.size() && bad.empty(); ++i) {
                if (words[i].empty()) continue;
                std::string criterion = to_lower(words[i].substr(0, words[i].find('=')));
                if (kWhere.count(criterion) || (root_tree && criterion == "group")) bad = criterion;
                if (criterion != "all" && words[i].find('=') == std::string_view::npos) ++i;  // its value
            }
        }
        if (bad.empty()) continue;
        out.push_back(fmt::format(
            "{}:{}: 'Match {}' sets {}, and who that block lets in depends on {}", d.file, d.line, d.match_text(),
            sshd_directive_name(d.keyword),
            bad == "group" ? "this machine's groups (sshd -T does not read the tree's /etc/group)"
                           : "where a login comes from, which ctguard cannot try for every address"));
    }
    return out;
}

}  // namespace ctguard
