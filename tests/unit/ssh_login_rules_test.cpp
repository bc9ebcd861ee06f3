#include <gtest/gtest.h>

#include <map>

#include "analysis/admin_logins.hpp"
#include "analysis/ssh_login_rules.hpp"
#include "analysis/sshd_settings.hpp"

using namespace ctguard;

namespace {

// What `sshd -T -C user=alice` prints for Debian 12's configuration with the hardening drop-in, trimmed
// to the lines that matter here; `changes` replaces lines.
std::string sshd_t(const std::map<std::string, std::string>& changes = {}) {
    std::map<std::string, std::string> v = {
        {"usepam", "yes"},
        {"permitrootlogin", "without-password"},
        {"passwordauthentication", "no"},
        {"kbdinteractiveauthentication", "no"},
        {"pubkeyauthentication", "yes"},
        {"permitemptypasswords", "no"},
        {"strictmodes", "yes"},
        {"authorizedkeysfile", ".ssh/authorized_keys .ssh/authorized_keys2"},
        {"pubkeyacceptedalgorithms", "ssh-ed25519,ecdsa-sha2-nistp256,rsa-sha2-512,rsa-sha2-256"},
        {"authenticationmethods", "any"}};
    for (const auto& [k, x] : changes) v[k] = x;
    std::string out;
    for (const auto& [k, x] : v) out += k + " " + x + "\n";
    return out;
}

SshdSettings settings(const std::string& text) { return sshd_t_settings(text); }

Accounts people() {
    Accounts a;
    a.passwd = {{"root", 0, 0, "/root", "/bin/bash", 1},
                {"alice", 1000, 1000, "/home/alice", "/bin/bash", 2},
                {"bob", 1001, 1001, "/home/bob", "/bin/bash", 3},
                {"carol", 1002, 1002, "/home/carol", "/bin/bash", 4}};
    a.groups = {{"sudo", 27, {"alice"}}, {"wheel", 10, {"bob"}}};
    a.shadow = {{"root", "!", std::nullopt, 1},
                {"alice", "$y$j9T$salt$hash", std::nullopt, 2},
                {"bob", "$y$j9T$salt$hash", std::nullopt, 3}};
    a.shadow_read = true;
    return a;
}

AuthorizedKey key(const std::string& options = "", const std::string& type = "ssh-ed25519") {
    return {1, options, type, "me", "SHA256:abc"};
}

std::vector<AuthorizedKeysFile> keys_of(const std::string& user, std::vector<AuthorizedKey> k) {
    return {{user, "/home/" + user + "/.ssh/authorized_keys", 0, std::move(k), ""}};
}

constexpr int64_t kNow = 1767225600;  // 2026-01-01T00:00:00Z

}  // namespace

TEST(SshKeyOptions, Parsed) {
    EXPECT_EQ(key_option("from=\"198.18.0.0/15,!198.18.9.9\",no-pty", "from"), "198.18.0.0/15,!198.18.9.9");
    EXPECT_EQ(key_option("no-pty,FROM=\"x\"", "from"), "x");
    EXPECT_EQ(key_option("no-pty", "no-pty"), "");
    EXPECT_EQ(key_option("command=\"echo \\\"hi\\\", bye\",no-pty", "command"), "echo \"hi\", bye");
    EXPECT_EQ(key_option("command=\"echo a,from=b\"", "from"), std::nullopt);
    EXPECT_EQ(key_option("", "from"), std::nullopt);
}

TEST(SshKeyOptions, ExpiryTime) {
    EXPECT_EQ(parse_expiry_time("20260101Z"), kNow);
    EXPECT_EQ(parse_expiry_time("202601010001Z"), kNow + 60);
    EXPECT_EQ(parse_expiry_time("20260101000005Z"), kNow + 5);
    EXPECT_FALSE(parse_expiry_time("2026011"));
    EXPECT_FALSE(parse_expiry_time("20261301Z"));
    EXPECT_FALSE(parse_expiry_time("2026-01-01"));
}

TEST(SshKeyRules, AlgorithmsExpiryAndCommands) {
    auto s = settings(sshd_t());
    EXPECT_EQ(key_refusal(key(), s, kNow), "");
    EXPECT_EQ(key_refusal(key("", "ssh-rsa"), s, kNow), "");  // signs with rsa-sha2-*
    EXPECT_EQ(key_refusal(key("", "ecdsa-sha2-nistp384"), s, kNow),
              "PubkeyAcceptedAlgorithms does not accept its type ecdsa-sha2-nistp384");
    EXPECT_EQ(key_refusal(key("expiry-time=\"20251231Z\""), s, kNow), "it expired (expiry-time=\"20251231Z\")");
    EXPECT_EQ(key_refusal(key("expiry-time=\"20270101Z\""), s, kNow), "");
    EXPECT_EQ(key_refusal(key("expiry-time=\"soon\""), s, kNow),
              "its expiry-time=\"soon\" is malformed, so sshd refuses the line");
    EXPECT_EQ(key_refusal(key("command=\"true\""), s, kNow), "it runs a forced command instead of a shell");
    // The parser's settings know no algorithm list: that check is left to sshd -T's.
    EXPECT_EQ(key_refusal(key("", "ecdsa-sha2-nistp384"), SshdSettings{}, kNow), "");
}

TEST(AdminLogins, Accounts) {
    auto a = people();
    std::vector<std::string> names;
    for (const auto* p : admin_accounts(a, "carol")) names.push_back(p->name);
    EXPECT_EQ(names, (std::vector<std::string>{"root", "alice", "bob", "carol"}));
    names.clear();
    for (const auto* p : admin_accounts(a, "")) names.push_back(p->name);
    EXPECT_EQ(names, (std::vector<std::string>{"root", "alice", "bob"}));
}

TEST(AdminLogins, MatchUserDemandingKeyboardInteractiveLocksOut) {
    auto a = people();
    const PasswdEntry& alice = a.passwd[1];
    auto keys = keys_of("alice", {key()});
    // Before: keyboard-interactive on (PAM asks for her password), so publickey,keyboard-interactive works.
    auto before = login_ways(a, alice,
                             settings("usepam yes\npubkeyauthentication yes\nkbdinteractiveauthentication yes\n"
                                      "passwordauthentication yes\n"
                                      "authenticationmethods publickey,keyboard-interactive\n"),
                             keys, kNow);
    EXPECT_EQ(before.ways, (std::vector<std::string>{"publickey,keyboard-interactive"}));
    auto after = login_ways(a, alice, settings(sshd_t({{"authenticationmethods", "publickey,keyboard-interactive"}})),
                            keys, kNow);
    EXPECT_TRUE(after.ways.empty());
    EXPECT_EQ(lockout("alice", before, after),
              "alice would have no way in (now: publickey,keyboard-interactive): AuthenticationMethods "
              "publickey,keyboard-interactive; publickey,keyboard-interactive: KbdInteractiveAuthentication is no");
}

TEST(AdminLogins, KeyOnlyAdminKeepsAWayIn) {
    auto a = people();
    const PasswdEntry& alice = a.passwd[1];
    auto keys = keys_of("alice", {key("from=\"198.18.0.0/15\"")});
    auto before = login_ways(a, alice, settings(sshd_t({{"passwordauthentication", "yes"}})), keys, kNow);
    auto after = login_ways(a, alice, settings(sshd_t()), keys, kNow);
    EXPECT_EQ(after.ways, (std::vector<std::string>{"publickey"}));
    EXPECT_EQ(after.key_notes,
              (std::vector<std::string>{"/home/alice/.ssh/authorized_keys:1: only from 198.18.0.0/15"}));
    EXPECT_EQ(lockout("alice", before, after), "");
}

TEST(AdminLogins, PasswordOnlyAdminIsLockedOutAndSaysWhy) {
    auto a = people();
    const PasswdEntry& bob = a.passwd[2];
    auto expired = keys_of("bob", {key("expiry-time=\"20200101Z\"")});
    auto before = login_ways(a, bob,
                             settings("usepam yes\npubkeyauthentication yes\npasswordauthentication yes\n"
                                      "authenticationmethods any\n"),
                             expired, kNow);
    EXPECT_EQ(before.ways, (std::vector<std::string>{"password"}));
    auto after = login_ways(a, bob, settings(sshd_t()), expired, kNow);
    EXPECT_EQ(lockout("bob", before, after),
              "bob would have no way in (now: password): publickey: no usable key "
              "(/home/bob/.ssh/authorized_keys:1: it expired (expiry-time=\"20200101Z\")); password: "
              "PasswordAuthentication is no; keyboard-interactive: KbdInteractiveAuthentication is no");
}

TEST(AdminLogins, NoWayInBeforeIsNoLockout) {
    // root with a locked password and no key had no way in: hardening takes nothing from it.
    auto a = people();
    auto before = login_ways(a, a.passwd[0], settings(sshd_t({{"passwordauthentication", "yes"}})), {}, kNow);
    EXPECT_TRUE(before.ways.empty());
    auto after = login_ways(a, a.passwd[0], settings(sshd_t()), {}, kNow);
    EXPECT_EQ(lockout("root", before, after), "");
}

TEST(AdminLogins, TwoKeysNeededForPublickeyTwice) {
    auto a = people();
    auto s = settings(sshd_t({{"authenticationmethods", "publickey,publickey"}}));
    EXPECT_TRUE(login_ways(a, a.passwd[1], s, keys_of("alice", {key()}), kNow).ways.empty());
    EXPECT_EQ(login_ways(a, a.passwd[1], s, keys_of("alice", {key(), key()}), kNow).ways,
              (std::vector<std::string>{"publickey,publickey"}));
}

TEST(AdminLogins, MatchBlocksThatCannotBeEvaluated) {
    SshdConfig c;
    c.directives = {{"passwordauthentication", {"no"}, "/etc/ssh/sshd_config", 3, {}},
                    {"passwordauthentication", {"yes"}, "/etc/ssh/sshd_config", 10, {"Address 198.18.0.0/15"}},
                    {"x11forwarding", {"yes"}, "/etc/ssh/sshd_config", 12, {"Host *.example"}},
                    {"authenticationmethods", {"publickey,password"}, "/etc/ssh/sshd_config", 14,
                     {"User alice LocalPort 2222"}},
                    {"pubkeyauthentication", {"no"}, "/etc/ssh/sshd_config", 16, {"Group contractors"}},
                    {"kbdinteractiveauthentication", {"yes"}, "/etc/ssh/sshd_config", 18, {"User host"}}};
    auto live = unevaluable_match_blocks(c, false);
    ASSERT_EQ(live.size(), 2u);
    EXPECT_EQ(live[0],
              "/etc/ssh/sshd_config:10: 'Match Address 198.18.0.0/15' sets PasswordAuthentication, and who that "
              "block lets in depends on where a login comes from, which ctguard cannot try for every address");
    EXPECT_EQ(live[1].substr(0, 40), "/etc/ssh/sshd_config:14: 'Match User ali");
    auto tree = unevaluable_match_blocks(c, true);
    ASSERT_EQ(tree.size(), 3u);
    EXPECT_EQ(tree[2],
              "/etc/ssh/sshd_config:16: 'Match Group contractors' sets PubkeyAuthentication, and who that block "
              "lets in depends on this machine's groups (sshd -T does not read the tree's /etc/group)");
}
