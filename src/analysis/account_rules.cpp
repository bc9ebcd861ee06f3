// Account findings: passwords that log in, extra root accounts, and authorized_keys that changed or hold
// keys nobody vouched for.
#include "analysis/account_rules.hpp"

#include <fmt/format.h>

#include <ctime>

#include "analysis/password_state.hpp"
#include "analysis/sshd_settings.hpp"
#include "lib/text.hpp"

namespace ctguard {

namespace {

constexpr int64_t kRecentSeconds = 7 * 86400;

// The comment the Outlaw ("Dota") botnet puts on the key it adds to authorized_keys.
constexpr std::string_view kBotnetKeyComments[] = {"mdrfckr"};

std::string utc_date(int64_t t) {
    std::time_t tt = static_cast<std::time_t>(t);
    std::tm tm{};
    gmtime_r(&tt, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M UTC", &tm);
    return buf;
}

std::string key_label(const AuthorizedKey& k) {
    std::string fp = k.fingerprint.empty() ? "not a valid key" : k.fingerprint;
    return k.comment.empty() ? fmt::format("{} {}", k.type, fp)
                             : fmt::format("{} {} '{}'", k.type, fp, k.comment);
}

}  // namespace

std::vector<Finding> account_findings(const Accounts& accounts, const SshdSettings& ssh) {
    std::vector<Finding> out;
    for (const auto& p : accounts.passwd) {
        if (p.uid != 0 || p.name == "root") continue;
        out.push_back(
            {"account.uid0", Severity::high, "/etc/passwd", p.line,
             fmt::format("'{}' has UID 0: it is root under another name. Attackers add such accounts to "
                         "keep root access after you change root's password.",
                         p.name),
             fmt::format("If you did not create it, lock it now with `usermod -L -e 1 {0}`, then remove it "
                         "with `userdel -f {0}` (-f because root's own processes share UID 0).",
                         p.name)});
    }
    if (!accounts.shadow_read) return out;

    for (const auto& sh : accounts.shadow) {
        if (password_state(sh.hash) != PasswordState::empty) continue;
        bool ssh_too = ssh.yes("permitemptypasswords") && password_logins_on(ssh);
        out.push_back(
            {"account.empty_password", Severity::high, "/etc/shadow", sh.line,
             fmt::format("'{}' has an empty password: anyone can log in as {} without one (console, su{}).",
                         sh.name, sh.name, ssh_too ? ", and SSH because PermitEmptyPasswords is yes" : ""),
             fmt::format("Lock it with `passwd -l {0}`, or give it a password with `passwd {0}`.", sh.name)});
    }

    const ShadowEntry* root = accounts.shadow_for("root");
    if (root && password_state(root->hash) == PasswordState::usable) {
        bool by_ssh = ssh.value("permitrootlogin") == "yes" && password_logins_on(ssh);
        out.push_back(
            {"account.root_password", by_ssh ? Severity::high : Severity::medium, "/etc/shadow", root->line,
             fmt::format("root has a usable password ({}){}. Anyone who learns or guesses it is root.",
                         password_scheme(root->hash),
                         by_ssh ? ", and SSH accepts it (PermitRootLogin yes with password logins on)"
                                : "; SSH does not accept it for root today, the console and su do"),
             "First check that you can log in with your SSH key and use sudo. Then lock it with "
             "`passwd -l root` (SSH keys keep working), or replace it with a long random one: "
             "`passwd root`. ctguard never changes it for you."});
    }
    return out;
}

std::vector<Finding> key_findings(const std::vector<AuthorizedKeysFile>& files,
                                  const std::optional<std::set<std::string>>& known_keys,
                                  const std::string& known_keys_path, int64_t now) {
    std::vector<Finding> out;
    for (const auto& f : files) {
        int64_t age = now - f.mtime;
        if (age >= 0 && age < kRecentSeconds && !f.keys.empty()) {
            std::string keys = join(f.keys, "; ", key_label);
            out.push_back(
                {"keys.recent", Severity::medium, f.path, 0,
                 fmt::format(
                     "{}'s authorized_keys changed {} ago ({}). Attackers add their own key here to "
                     "get back in. It holds {} key{}: {}.",
                     f.user,
                     age < 86400 ? fmt::format("{} hours", age / 3600) : fmt::format("{} days", age / 86400),
                     utc_date(f.mtime), f.keys.size(), f.keys.size() == 1 ? "" : "s", keys),
                 fmt::format("Compare each key with your own (`ssh-keygen -lf ~/.ssh/id_ed25519.pub` on your "
                             "computer prints its SHA256 fingerprint) and delete every line of {} you do not "
                             "recognise. List the keys you trust in {} so ctguard flags new ones.",
                             f.path, known_keys_path)});
        }
        for (const auto& k : f.keys) {
            for (auto marker : kBotnetKeyComments) {
                if (k.comment.find(marker) == std::string::npos) continue;
                out.push_back(
                    {"keys.malicious", Severity::high, f.path, k.line,
                     fmt::format("A key with the comment '{}' lets someone log in as {}: the Outlaw (Dota) "
                                 "botnet installs exactly this key on machines it has taken over.",
                                 marker, f.user),
                     fmt::format("Delete line {} of {} now. Then treat the machine as compromised: look at "
                                 "the other findings (crontabs, hidden directories) and change the passwords "
                                 "of every account.",
                                 k.line, f.path)});
            }
            if (known_keys && !known_keys->count(k.fingerprint)) {
                out.push_back(
                    {"keys.unknown", Severity::high, f.path, k.line,
                     fmt::format("{} lets someone log in as {} but is not in {}.", key_label(k), f.user,
                                 known_keys_path),
                     fmt::format(
                         "If it is not yours, delete line {} of {}. If it is, add its fingerprint ({}) "
                         "as a line of {}.",
                         k.line, f.path, k.fingerprint, known_keys_path)});
            }
        }
    }
    return out;
}

}  // namespace ctguard
