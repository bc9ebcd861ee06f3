#include <gtest/gtest.h>

#include "analysis/ssh_hardening.hpp"
#include "analysis/sshd_settings.hpp"
#include "host/sshd_config.hpp"
#include "temp_tree.hpp"

using namespace ctguard;

namespace {

SshdSettings debian_defaults() {
    SshdConfig c;
    c.directives = {{"kbdinteractiveauthentication", {"no"}, "/etc/ssh/sshd_config", 62, {}},
                    {"usepam", {"yes"}, "/etc/ssh/sshd_config", 85, {}}};
    return effective_sshd_settings(c);
}

Accounts people() {
    Accounts a;
    a.passwd = {{"root", 0, 0, "/root", "/bin/bash", 1},
                {"alice", 1000, 1000, "/home/alice", "/bin/bash", 2},
                {"bob", 1001, 1001, "/home/bob", "/bin/bash", 3},
                {"svc", 998, 998, "/var/lib/svc", "/usr/sbin/nologin", 4}};
    a.groups = {{"sudo", 27, {"alice", "svc"}}, {"alice", 1000, {}}};
    a.shadow = {{"root", "!", std::nullopt, 1}, {"alice", "!", std::nullopt, 2}};
    a.shadow_read = true;
    return a;
}

AuthorizedKeysFile keys_of(const std::string& user, std::vector<AuthorizedKey> keys,
                           std::string problem = "") {
    return {user, "/home/" + user + "/.ssh/authorized_keys", 0, std::move(keys), std::move(problem)};
}

AuthorizedKey good_key() {
    return {1, "", "ssh-ed25519", "me", "SHA256:good"};
}

std::string access_of(const std::vector<KeyAccess>& all, const std::string& user) {
    for (const auto& a : all) {
        if (a.user == user) return (a.usable ? "ok: " : "no: ") + a.detail;
    }
    return "not listed";
}

}  // namespace

TEST(KeyAccess, RootAndSudoMembersOnly) {
    auto a = key_access(people(), {keys_of("alice", {good_key()}), keys_of("bob", {good_key()})},
                        debian_defaults(), 20000 * 86400);
    ASSERT_EQ(a.size(), 3u);  // root, alice, svc: bob is not an admin
    EXPECT_EQ(access_of(a, "alice"),
              "ok: 1 usable key: ssh-ed25519 SHA256:good in /home/alice/.ssh/authorized_keys");
    EXPECT_EQ(access_of(a, "root"),
              "no: no authorized_keys file (.ssh/authorized_keys .ssh/authorized_keys2)");
    EXPECT_EQ(access_of(a, "svc"), "no: cannot log in over SSH: its shell is /usr/sbin/nologin");
    EXPECT_EQ(access_of(a, "bob"), "not listed");
}

TEST(KeyAccess, KeysThatDoNotOpenAShell) {
    std::vector<AuthorizedKey> keys = {{1, "command=\"echo use alice\"", "ssh-ed25519", "", "SHA256:a"},
                                       {2, "", "ssh-dss", "", "SHA256:b"},
                                       {3, "", "ssh-rsa", "", ""}};
    auto a = key_access(people(), {keys_of("alice", keys)}, debian_defaults(), 20000 * 86400);
    EXPECT_EQ(
        access_of(a, "alice"),
        "no: no usable key: /home/alice/.ssh/authorized_keys:1: it runs a forced command instead of a shell; "
        "/home/alice/.ssh/authorized_keys:2: DSA keys are refused by OpenSSH since 7.0; "
        "/home/alice/.ssh/authorized_keys:3: not a valid key");
    a = key_access(people(), {keys_of("alice", {})}, debian_defaults(), 20000 * 86400);
    EXPECT_EQ(access_of(a, "alice"), "no: no usable key: the file holds no keys");
    a = key_access(people(), {keys_of("alice", {good_key()}, "/home/alice is writable by group or others")},
                   debian_defaults(), 20000 * 86400);
    EXPECT_EQ(access_of(a, "alice"),
              "no: no usable key: /home/alice/.ssh/authorized_keys is ignored by sshd (StrictModes): "
              "/home/alice is "
              "writable by group or others");
}

TEST(KeyAccess, SshdSettingsThatShutKeysOut) {
    auto s = debian_defaults();
    std::vector<AuthorizedKeysFile> files = {keys_of("alice", {good_key()}), keys_of("root", {good_key()})};
    files[1].path = "/root/.ssh/authorized_keys";
    EXPECT_EQ(access_of(key_access(people(), files, s, 20000 * 86400), "root").substr(0, 3), "ok:");

    auto t = s;
    t.values["permitrootlogin"].value = "no";
    EXPECT_EQ(access_of(key_access(people(), files, t, 20000 * 86400), "root"),
              "no: cannot log in over SSH: PermitRootLogin is no");
    t = s;
    t.values["pubkeyauthentication"].value = "no";
    EXPECT_EQ(access_of(key_access(people(), files, t, 20000 * 86400), "alice"),
              "no: cannot log in over SSH: PubkeyAuthentication is no");
    t = s;
    t.values["authenticationmethods"].value = "publickey,password";
    EXPECT_EQ(access_of(key_access(people(), files, t, 20000 * 86400), "alice"),
              "no: cannot log in over SSH: AuthenticationMethods 'publickey,password' needs more than a key");
    t.values["authenticationmethods"].value = "publickey,password publickey";
    EXPECT_EQ(access_of(key_access(people(), files, t, 20000 * 86400), "alice").substr(0, 3), "ok:");
    t = s;
    t.values["allowusers"].value = "bob carol@198.18.0.1";
    EXPECT_EQ(access_of(key_access(people(), files, t, 20000 * 86400), "alice"),
              "no: cannot log in over SSH: AllowUsers does not name it");
    t.values["allowusers"].value = "ali*@198.18.0.0/15";
    EXPECT_EQ(access_of(key_access(people(), files, t, 20000 * 86400), "alice").substr(0, 3), "ok:");
    t = s;
    t.values["denygroups"].value = "sudo";
    EXPECT_EQ(access_of(key_access(people(), files, t, 20000 * 86400), "alice"),
              "no: cannot log in over SSH: DenyGroups names its group sudo");
    t = s;
    t.values["usepam"].value = "no";  // then sshd refuses '!'-locked accounts even with a key
    EXPECT_EQ(
        access_of(key_access(people(), files, t, 20000 * 86400), "alice"),
        "no: cannot log in over SSH: its password is locked and UsePAM is no, so sshd refuses the account");
    auto p = people();
    p.shadow[1].expires = 19000;
    EXPECT_EQ(access_of(key_access(p, files, s, 20000 * 86400), "alice"),
              "no: cannot log in over SSH: the account has expired (/etc/shadow)");
}

TEST(Hardening, SettingsOnlyEverTighten) {
    auto s = debian_defaults();  // PasswordAuthentication is the built-in yes
    auto want = hardening_settings(s);
    EXPECT_EQ(want, (std::map<std::string, std::string>{{"kbdinteractiveauthentication", "no"},
                                                        {"passwordauthentication", "no"},
                                                        {"permitemptypasswords", "no"}}));
    s.values["permitrootlogin"].value = "yes";
    EXPECT_EQ(hardening_settings(s).at("permitrootlogin"), "prohibit-password");
    s.values["permitrootlogin"].value = "no";
    EXPECT_EQ(hardening_settings(s).count("permitrootlogin"), 0u);
    s.values["passwordauthentication"].value = "no";
    EXPECT_TRUE(hardening_settings(s).empty());
    auto text = drop_in_text(want);
    EXPECT_NE(text.find("\nPasswordAuthentication no\n"), std::string::npos);
    EXPECT_NE(text.find("\nKbdInteractiveAuthentication no\n"), std::string::npos);
}

TEST(Hardening, DropInGoesWhereTheFirstGlobalIncludeReads) {
    SshdConfig c;
    c.main_path = "/etc/ssh/sshd_config";
    c.includes = {{"/etc/ssh/sshd_config", 3, {"User x"}, "/etc/ssh/match.d/*.conf", {}},
                  {"/etc/ssh/sshd_config", 1, {}, "/etc/ssh/*/x.conf", {}},
                  {"/etc/ssh/sshd_config", 2, {}, "/etc/ssh/sshd_config.d/*.conf", {}}};
    EXPECT_EQ(choose_drop_in(c).path, "/etc/ssh/sshd_config.d/00-ctguard.conf");
    c.includes.pop_back();
    EXPECT_TRUE(choose_drop_in(c).path.empty());
    EXPECT_NE(choose_drop_in(c).problem.find("has no Include line outside Match blocks"), std::string::npos);
}

TEST(Hardening, LosersAndMatchLeftovers) {
    TempTree t;
    t.write("/etc/ssh/sshd_config",
            "PasswordAuthentication yes\nInclude /etc/ssh/sshd_config.d/*.conf\nUsePAM yes\n"
            "Match User deploy\n  PasswordAuthentication yes\n  KbdInteractiveAuthentication yes\n");
    t.mkdir("/etc/ssh/sshd_config.d");
    std::map<std::string, std::string> want = {{"passwordauthentication", "no"},
                                               {"kbdinteractiveauthentication", "no"}};
    auto c = read_sshd_config(t.root(), kSshdConfigPath,
                              {{"/etc/ssh/sshd_config.d/00-ctguard.conf", drop_in_text(want)}});
    auto after = effective_sshd_settings(c);
    EXPECT_EQ(
        drop_in_losers(after, want),
        std::vector<std::string>{
            "/etc/ssh/sshd_config:1 sets PasswordAuthentication yes and sshd reads it before the drop-in"});
    auto left = match_leftovers(c, after);
    ASSERT_EQ(left.size(), 2u);
    EXPECT_EQ(left[0].substr(0, 80),
              "/etc/ssh/sshd_config:5: 'Match User deploy' sets PasswordAuthentication yes, and");
    // Not read at all: the value stays sshd's default.
    SshdSettings defaults = effective_sshd_settings(SshdConfig{});
    EXPECT_EQ(drop_in_losers(defaults, want).front(),
              "sshd never reads the drop-in, so KbdInteractiveAuthentication stays at its default (yes)");
}
