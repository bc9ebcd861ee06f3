#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include "analysis/password_state.hpp"
#include "host/accounts.hpp"
#include "host/authorized_keys.hpp"
#include "temp_tree.hpp"

using namespace ctguard;

namespace {

// Made with `ssh-keygen -t ed25519 -C alice@laptop`; `ssh-keygen -lf` prints the fingerprint below.
const char* kAliceKey =
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIPDkUF8NaxvVtXUikXwwO3beL8xpclz+/apQ3REGON9a alice@laptop";
const char* kAliceFingerprint = "SHA256:v65Vu9YfEWMm6bbvb9zAg4WB2KZAM+gvGWWFP95CcjI";

}  // namespace

TEST(Accounts, ParsesPasswdShadowGroup) {
    auto p = parse_passwd(
        "root:x:0:0:root:/root:/bin/bash\n# "
        "comment\nbroken:x:zero:0::/:/bin/sh\n\ntoor:x:0:0::/root:/bin/sh\n");
    ASSERT_EQ(p.size(), 2u);
    EXPECT_EQ(p[1].name, "toor");
    EXPECT_EQ(p[1].uid, 0u);
    EXPECT_EQ(p[1].line, 5);
    EXPECT_EQ(p[0].home, "/root");
    auto s = parse_shadow("root:$y$j9T$a$b:19700:0:99999:7:::\nguest::19700:0:99999:7::19000:\n");
    ASSERT_EQ(s.size(), 2u);
    EXPECT_EQ(s[0].hash, "$y$j9T$a$b");
    EXPECT_FALSE(s[0].expires);
    EXPECT_EQ(s[1].hash, "");
    EXPECT_EQ(s[1].expires, 19000);
    auto g = parse_group("sudo:x:27:alice,bob\nalice:x:1000:\n");
    ASSERT_EQ(g.size(), 2u);
    EXPECT_EQ(g[0].members, (std::vector<std::string>{"alice", "bob"}));
    EXPECT_TRUE(g[1].members.empty());

    Accounts a;
    a.passwd = parse_passwd("alice:x:1000:1000::/home/alice:/bin/bash\n");
    a.groups = parse_group("sudo:x:27:alice\nalice:x:1000:\nother:x:5:bob\n");
    EXPECT_TRUE(a.in_group(a.passwd[0], "sudo"));
    EXPECT_TRUE(a.in_group(a.passwd[0], "alice"));  // primary group
    EXPECT_FALSE(a.in_group(a.passwd[0], "other"));
}

TEST(Accounts, UnreadableShadowIsANoteNotAFailure) {
    TempTree t;
    t.write("/etc/passwd", "root:x:0:0:root:/root:/bin/bash\n");
    std::vector<std::string> notes;
    auto a = read_accounts(t.root(), notes);
    EXPECT_EQ(a.passwd.size(), 1u);
    EXPECT_FALSE(a.shadow_read);
    ASSERT_EQ(notes.size(), 2u);  // group and shadow
    EXPECT_NE(notes[1].find("cannot read /etc/shadow"), std::string::npos);
}

TEST(PasswordState, Classifies) {
    EXPECT_EQ(password_state(""), PasswordState::empty);
    EXPECT_EQ(password_state("!"), PasswordState::locked);
    EXPECT_EQ(password_state("!$6$s$h"), PasswordState::locked);
    EXPECT_EQ(password_state("*"), PasswordState::disabled);
    EXPECT_EQ(password_state("$y$j9T$s$h"), PasswordState::usable);
    EXPECT_EQ(password_state("abcdefghijklm"), PasswordState::usable);  // 13-character DES crypt
    EXPECT_EQ(password_scheme("$1$s$h"), "MD5 crypt, weak: cracked quickly if the hash leaks");
    EXPECT_NE(password_advice("root", "$6$s$h").find("`passwd -l root`"), std::string::npos);
    EXPECT_NE(password_advice("root", "!").find("Nothing to do"), std::string::npos);
    // '*' is a locked account too: never "has no password set", never advice to set one.
    const std::string star = password_advice("root", "*");
    EXPECT_NE(star.find("root's password is locked"), std::string::npos);
    EXPECT_EQ(star.find("no password set"), std::string::npos);
    EXPECT_EQ(star.find("`passwd root`"), std::string::npos);
}

TEST(AuthorizedKeys, ParsesOptionsTypeCommentFingerprint) {
    std::string text = std::string("# keys\n") + kAliceKey + "\n" +
                       "command=\"echo 'use \\\"alice\\\"'; sleep 5\",no-pty " + kAliceKey + "\n" +
                       "ssh-ed25519 AAAAnot-base64 broken\n";
    auto keys = parse_authorized_keys(text);
    ASSERT_EQ(keys.size(), 3u);
    EXPECT_EQ(keys[0].line, 2);
    EXPECT_EQ(keys[0].type, "ssh-ed25519");
    EXPECT_EQ(keys[0].comment, "alice@laptop");
    EXPECT_EQ(keys[0].fingerprint, kAliceFingerprint);
    EXPECT_TRUE(keys[0].options.empty());
    EXPECT_EQ(keys[1].options, "command=\"echo 'use \\\"alice\\\"'; sleep 5\",no-pty");
    EXPECT_EQ(keys[1].fingerprint, kAliceFingerprint);
    EXPECT_TRUE(keys[2].fingerprint.empty());
    // The blob must carry the type it claims.
    auto wrong = parse_authorized_keys(std::string("ssh-rsa") + std::string(kAliceKey).substr(11));
    ASSERT_EQ(wrong.size(), 1u);
    EXPECT_TRUE(wrong[0].fingerprint.empty());
}

TEST(AuthorizedKeys, PathTokens) {
    PasswdEntry u{"alice", 1000, 1000, "/home/alice", "/bin/bash", 1};
    EXPECT_EQ(expand_authorized_keys_path(".ssh/authorized_keys", u), "/home/alice/.ssh/authorized_keys");
    EXPECT_EQ(expand_authorized_keys_path("/etc/ssh/keys/%u", u), "/etc/ssh/keys/alice");
    EXPECT_EQ(expand_authorized_keys_path("%h/k.%U%%", u), "/home/alice/k.1000%");
}

TEST(AuthorizedKeys, ReadsFilesAndStrictModes) {
    TempTree t;
    PasswdEntry u{"alice", 1000, 1000, "/home/alice", "/bin/bash", 1};
    t.mkdir("/home/alice/.ssh", 0700);
    ::chmod((t.dir() + "/home/alice").c_str(), 0755);
    t.write("/home/alice/.ssh/authorized_keys", std::string(kAliceKey) + "\n", 0600);
    std::vector<std::string> notes;
    auto files = read_authorized_keys(t.root(), u, ".ssh/authorized_keys .ssh/authorized_keys2", notes);
    ASSERT_EQ(files.size(), 1u);
    EXPECT_EQ(files[0].path, "/home/alice/.ssh/authorized_keys");
    EXPECT_EQ(files[0].keys.size(), 1u);
    EXPECT_EQ(files[0].strict_modes_problem, "");
    ::chmod((t.dir() + "/home/alice").c_str(), 0775);
    EXPECT_EQ(read_authorized_keys(t.root(), u, ".ssh/authorized_keys", notes)[0].strict_modes_problem,
              "/home/alice is writable by group or others");
    EXPECT_TRUE(read_authorized_keys(t.root(), u, "none", notes).empty());
    EXPECT_TRUE(notes.empty());
}

TEST(AuthorizedKeys, HugeFileOrFifoIsNotedNotRead) {
    TempTree t;
    PasswdEntry u{"alice", 1000, 1000, "/home/alice", "/bin/bash", 1};
    t.mkdir("/home/alice/.ssh", 0700);
    // Sparse: no disk used, and read whole it would need 64 GiB of memory.
    t.write("/home/alice/.ssh/authorized_keys", "", 0600);
    ASSERT_EQ(::truncate((t.dir() + "/home/alice/.ssh/authorized_keys").c_str(), off_t{64} << 30), 0);
    // A FIFO with no writer: opening it blocking would wait forever.
    ASSERT_EQ(::mkfifo((t.dir() + "/home/alice/.ssh/authorized_keys2").c_str(), 0600), 0);
    std::vector<std::string> notes;
    EXPECT_TRUE(
        read_authorized_keys(t.root(), u, ".ssh/authorized_keys .ssh/authorized_keys2", notes).empty());
    EXPECT_EQ(
        notes,
        (std::vector<std::string>{
            "/home/alice/.ssh/authorized_keys was not read (larger than 4 MiB): its keys are not checked",
            "/home/alice/.ssh/authorized_keys2 was not read (not a regular file): its keys are not "
            "checked"}));
}

TEST(AuthorizedKeys, KnownKeysList) {
    TempTree t;
    EXPECT_FALSE(read_known_keys(t.root(), "/etc/ctguard/known_keys"));
    t.write("/etc/ctguard/known_keys", std::string("# mine\nSHA256:abc laptop\n") + kAliceKey + "\n");
    auto k = read_known_keys(t.root(), "/etc/ctguard/known_keys");
    ASSERT_TRUE(k);
    EXPECT_EQ(*k, (std::set<std::string>{"SHA256:abc", kAliceFingerprint}));
}
