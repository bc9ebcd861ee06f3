// ctguard harden ssh [--apply]: turns off password and keyboard-interactive SSH logins with a drop-in that
// sshd reads before its own settings. Refuses (exit 69) when no key would let root or a sudo user in, when no
// drop-in can win, when a Match block it cannot evaluate touches authentication, when `sshd -t` rejects the
// result, or when an admin would lose every way in; without --apply it only shows the diff.
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <ctime>

#include "analysis/admin_logins.hpp"
#include "analysis/password_state.hpp"
#include "analysis/ssh_hardening.hpp"
#include "analysis/sshd_settings.hpp"
#include "cli/commands.hpp"
#include "collect/audit_run.hpp"
#include "host/accounts.hpp"
#include "host/authorized_keys.hpp"
#include "host/sshd_config.hpp"
#include "host/sshd_control.hpp"
#include "lib/open_dir.hpp"
#include "lib/text.hpp"
#include "report/harden_render.hpp"

namespace ctguard {

namespace {

constexpr const char* kBackupDir = "/var/backups/ctguard";

std::string timestamp(std::time_t now) {
    std::tm tm{};
    gmtime_r(&now, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", &tm);
    return buf;
}

class Hardener {
  public:
    Hardener(const GlobalOptions& g, bool apply) : g_(g), root_(g.root_dir()), apply_(apply) {}

    Result<int> run() {
        if (apply_ && root_.live() && ::geteuid() != 0) {
            return Error{Exit::noperm, "harden ssh --apply", "needs root to write /etc/ssh and reload sshd",
                         "run it as root (sudo ctguard harden ssh --apply)"};
        }
        auto ssh = read_ssh(root_, r_.notes);
        if (!ssh.config.found) {
            return Error::unavailable("harden ssh", ssh.config.main_path + " not found",
                                      root_.live() ? "apt-get install openssh-server" : "");
        }
        if (!ssh.config.problems.empty()) {
            const auto& p = ssh.config.problems.front();
            return Error::unavailable(
                "harden ssh", fmt::format("{}:{}: {}", p.file, p.line, p.message),
                "fix that line first (`sshd -t` lists every problem); nothing was changed");
        }
        r_.before = ssh.settings;
        auto accounts = read_accounts(root_, r_.notes);
        auto keys = read_all_authorized_keys(root_, accounts, ssh.settings, r_.notes);
        r_.access = key_access(accounts, keys, ssh.settings, std::time(nullptr), sudo_user());
        if (const ShadowEntry* root_pw = accounts.shadow_for("root"))
            r_.root_password = password_advice("root", root_pw->hash);

        auto want = hardening_settings(ssh.settings);
        if (want.empty()) {
            r_.leftovers = match_leftovers(ssh.config, ssh.settings);
            return done();
        }
        bool any_key = false;
        for (const auto& a : r_.access) any_key = any_key || a.usable;
        if (!any_key) {
            return refuse(
                "no SSH key would let root or a sudo user in once password logins are off (see the "
                "list above)",
                "add your public key to /root/.ssh/authorized_keys or a sudo user's "
                "~/.ssh/authorized_keys, log in with it once, then run this again");
        }
        auto place = choose_drop_in(ssh.config);
        if (!place.problem.empty()) {
            return refuse(place.problem, "add `Include /etc/ssh/sshd_config.d/*.conf` as the first line of " +
                                             ssh.config.main_path + ", then run this again");
        }
        r_.drop_in = place.path;
        r_.old_text = read_small_file(root_.path(place.path));
        r_.new_text = drop_in_text(want);

        // Does it win? Read the configuration again as sshd would with the drop-in in place.
        auto after_config = read_sshd_config(root_, ssh.config.main_path, {{place.path, r_.new_text}});
        auto after = effective_sshd_settings(after_config);
        if (auto losers = drop_in_losers(after, want); !losers.empty()) {
            return refuse(
                "a drop-in would not win: " + losers.front(),
                "change that line yourself (sshd keeps the first value it reads), then run this again");
        }
        r_.leftovers = match_leftovers(after_config, after);
        if (auto blocks = unevaluable_match_blocks(after_config, !root_.live()); !blocks.empty()) {
            return refuse(blocks.front(),
                          "each admin's login is checked as `sshd -T -C user=NAME` sees it, which cannot stand "
                          "for that block: move its authentication settings into a Match User block or out of "
                          "Match, then run this again");
        }
        auto copy = SshdCopy::write(after_config);
        if (!copy) return copy.error();
        if (auto ok = copy->test(); !ok) {
            return refuse("`sshd -t` rejects the result: " + ok.error().why, "nothing was changed");
        }
        auto locked_out = admin_lockout(accounts, ssh.config, *copy);
        if (!locked_out) return locked_out.error();
        if (!locked_out->empty()) {
            return refuse(*locked_out, "give that account a key that works under its own settings (`sshd -T -C "
                                       "user=NAME` shows them), then run this again");
        }
        if (!apply_ || r_.old_text == r_.new_text) return done();
        if (auto ok = write(want); !ok) {
            Error e = ok.error();
            if (e.code == Exit::noperm) e.hint = "writing under /etc/ssh and /var/backups needs root";
            return e;
        }
        return done();
    }

  private:
    // Who ran ctguard through sudo: an admin too, whatever their groups. Only on the live system: the
    // name means nothing in a --root tree.
    std::string sudo_user() const {
        const char* name = std::getenv("SUDO_USER");
        return root_.live() && name ? name : "";
    }

    // The first admin who has a way in now and would have none with the candidate configuration (in
    // `after`), as a sentence; "" when nobody is locked out. Each account is judged on the settings sshd
    // applies to its own login (Match User blocks), with its own AuthorizedKeysFile.
    Result<std::string> admin_lockout(const Accounts& accounts, const SshdConfig& now_config, const SshdCopy& after) {
        auto before = SshdCopy::write(now_config);
        if (!before) return before.error();
        const int64_t now = std::time(nullptr);
        std::vector<std::string> scratch;  // the notes of reading the keys once are enough
        for (const PasswdEntry* admin : admin_accounts(accounts, sudo_user())) {
            auto ways = [&](const SshdCopy& copy, std::vector<std::string>& notes) -> Result<LoginWays> {
                auto out = copy.settings_for(admin->name);
                if (!out) return out.error();
                SshdSettings s = sshd_t_settings(*out);
                auto keys = read_authorized_keys(root_, *admin, s.value("authorizedkeysfile"), notes);
                return login_ways(accounts, *admin, s, keys, now);
            };
            auto had = ways(*before, scratch);
            if (!had) return had.error();
            auto keeps = ways(after, scratch);
            if (!keeps) return keeps.error();
            for (const auto& n : keeps->key_notes) r_.notes.push_back(admin->name + "'s key " + n);
            if (auto why = lockout(admin->name, *had, *keeps); !why.empty()) return why;
        }
        return std::string();
    }

    Result<void> write(const std::map<std::string, std::string>& want) {
        // Both files are written through directories opened inside the tree: a symlink in a --root
        // image (etc/ssh/sshd_config.d -> /somewhere) cannot lead the write out of it.
        if (r_.old_text) {
            r_.backup = fmt::format("{}/{}.{}", kBackupDir, kDropInName, timestamp(std::time(nullptr)));
            if (auto ok = write_file_in_root(root_, r_.backup, *r_.old_text, 0600); !ok) return ok;
        }
        if (auto ok = write_file_in_root(root_, r_.drop_in, r_.new_text, 0644); !ok) return ok;
        r_.applied = true;
        if (!root_.live()) {
            r_.reload = "Not reloading sshd: this is a --root tree.";
            return {};
        }
        // The copy passed; check the real thing before sshd sees it, and undo if it does not hold.
        auto undo = [&](const std::string& why) -> Result<void> {
            if (r_.old_text)
                (void)write_file_in_root(root_, r_.drop_in, *r_.old_text, 0644);
            else
                (void)remove_file_in_root(root_, r_.drop_in);
            return Error::internal("harden ssh", why + "; the change was undone");
        };
        if (auto ok = sshd_test_live(); !ok)
            return undo("`sshd -t` failed after writing " + r_.drop_in + ": " + ok.error().why);
        if (auto dump = sshd_dump_live(); dump && dump->succeeded()) {
            std::vector<std::string> differ;
            auto live = merge_sshd_t(r_.before, dump->out, differ);
            if (auto losers = drop_in_losers(live, want); !losers.empty())
                return undo("sshd -T still shows " + losers.front());
        }
        auto reloaded = reload_sshd();
        if (!reloaded) {
            r_.reload = "Could not reload sshd (" + reloaded.error().why + "): run `systemctl reload ssh`.";
        } else if (*reloaded) {
            r_.reload =
                "sshd reloaded: new logins need a key; open sessions stay open. Before you log out, check "
                "in a second window that a new login with your key works.";
        } else {
            r_.reload = "sshd is not running: the settings apply when it starts.";
        }
        return {};
    }

    Result<int> done() {
        print_result(g_.json, harden_json, harden_text, r_);
        return 0;
    }

    // Shows what was found, so the refusal can be understood, then fails with exit 69.
    Result<int> refuse(const std::string& why, const std::string& hint) {
        r_.refused = why;
        (void)done();
        return Error::unavailable("harden ssh", "refusing: " + why, hint);
    }

    const GlobalOptions& g_;
    RootDir root_;
    bool apply_;
    HardenReport r_;
};

}  // namespace

Command add_harden_command(CLI::App& app, const GlobalOptions& g) {
    auto* cmd = app.add_subcommand(
        "harden", "safe hardening: `harden ssh` turns off SSH password logins without locking you out");
    cmd->require_subcommand(1);
    auto* ssh = cmd->add_subcommand(
        "ssh", "turn off SSH password and keyboard-interactive logins (shows the diff; --apply writes it)");
    auto apply = std::make_shared<bool>(false);
    ssh->add_flag("--apply", *apply, "write the drop-in (after sshd -t passes) and reload sshd");
    return {cmd, [&g, apply]() -> Result<int> { return Hardener(g, *apply).run(); }};
}

}  // namespace ctguard
