#include <gtest/gtest.h>

#include "analysis/sshd_settings.hpp"
#include "host/sshd_config.hpp"
#include "temp_tree.hpp"

using namespace ctguard;

TEST(SshdLine, SplitsLikeServconf) {
    auto l = split_sshd_line("  PasswordAuthentication no  ");
    EXPECT_EQ(l.keyword, "passwordauthentication");
    EXPECT_EQ(l.args, std::vector<std::string>{"no"});
    EXPECT_EQ(split_sshd_line("PermitRootLogin=yes").args, std::vector<std::string>{"yes"});
    EXPECT_EQ(split_sshd_line("PermitRootLogin = yes").args, std::vector<std::string>{"yes"});
    EXPECT_EQ(split_sshd_line("Banner \"/etc/my banner\" # why").args,
              std::vector<std::string>{"/etc/my banner"});
    EXPECT_EQ(split_sshd_line("AllowUsers a b\tc").args, (std::vector<std::string>{"a", "b", "c"}));
    EXPECT_EQ(split_sshd_line("ChallengeResponseAuthentication no").keyword, "kbdinteractiveauthentication");
    EXPECT_EQ(split_sshd_line("Match User deploy").args, (std::vector<std::string>{"User", "deploy"}));
}

TEST(SshdLine, BlankCommentAndBadLines) {
    EXPECT_TRUE(split_sshd_line("").keyword.empty());
    EXPECT_TRUE(split_sshd_line("   # PasswordAuthentication yes").keyword.empty());
    EXPECT_EQ(split_sshd_line("PasswordAuthentication").error,
              "no argument after keyword \"PasswordAuthentication\"");
    EXPECT_EQ(split_sshd_line("Banner \"open").error, "unbalanced quotes");
    EXPECT_FALSE(split_sshd_line("PasswordAuthentication # nothing").error.empty());
}

namespace {

std::string value_of(const SshdConfig& c, const std::string& keyword) {
    return effective_sshd_settings(c).value(keyword);
}

}  // namespace

TEST(SshdConfig, IncludesInLexicalOrderFirstValueWins) {
    TempTree t;
    t.write("/etc/ssh/sshd_config", "Include /etc/ssh/sshd_config.d/*.conf\nPasswordAuthentication yes\n");
    t.write("/etc/ssh/sshd_config.d/50-cloud-init.conf", "PasswordAuthentication yes\n");
    t.write("/etc/ssh/sshd_config.d/10-site.conf", "passwordauthentication NO\n");
    t.write("/etc/ssh/sshd_config.d/README", "PasswordAuthentication yes\n");  // not *.conf
    auto c = read_sshd_config(t.root());
    ASSERT_TRUE(c.found);
    ASSERT_EQ(c.includes.size(), 1u);
    EXPECT_EQ(c.includes[0].matched, (std::vector<std::string>{"/etc/ssh/sshd_config.d/10-site.conf",
                                                               "/etc/ssh/sshd_config.d/50-cloud-init.conf"}));
    auto s = effective_sshd_settings(c);
    EXPECT_EQ(s.value("passwordauthentication"), "no");
    EXPECT_EQ(s.setting("passwordauthentication").file, "/etc/ssh/sshd_config.d/10-site.conf");
    EXPECT_EQ(s.setting("passwordauthentication").line, 1);
    EXPECT_TRUE(c.problems.empty());
}

TEST(SshdConfig, RelativeAndNestedIncludes) {
    TempTree t;
    t.write("/etc/ssh/sshd_config", "Include extra/*.conf\nKbdInteractiveAuthentication yes\n");
    t.write("/etc/ssh/extra/a.conf", "Include /etc/ssh/deeper/x.conf\n");
    t.write("/etc/ssh/deeper/x.conf", "KbdInteractiveAuthentication no\n");
    auto c = read_sshd_config(t.root());
    EXPECT_EQ(c.includes[0].pattern, "/etc/ssh/extra/*.conf");
    EXPECT_EQ(value_of(c, "kbdinteractiveauthentication"), "no");
    EXPECT_EQ(c.files.size(), 3u);
}

TEST(SshdConfig, MatchBlocksEndWithTheirFileAndIncludesInheritThem) {
    TempTree t;
    t.write("/etc/ssh/sshd_config",
            "Include /etc/ssh/a.conf\n"
            "PubkeyAuthentication no\n"  // global again: the Match in a.conf ended with that file
            "Match User deploy\n"
            "  Include /etc/ssh/b.conf\n"
            "Match all\n"
            "  PermitRootLogin yes\n");
    t.write("/etc/ssh/a.conf", "Match Address 198.18.0.0/15\nPasswordAuthentication yes\n");
    t.write("/etc/ssh/b.conf", "PermitEmptyPasswords yes\nMatch Group ops\nUsePAM yes\n");
    auto c = read_sshd_config(t.root());
    auto s = effective_sshd_settings(c);
    EXPECT_EQ(s.value("pubkeyauthentication"), "no");
    EXPECT_EQ(s.value("passwordauthentication"), "yes");  // the built-in default; the Match does not count
    EXPECT_TRUE(s.setting("passwordauthentication").file.empty());
    EXPECT_EQ(s.value("permitemptypasswords"), "no");
    EXPECT_EQ(s.value("permitrootlogin"), "yes");  // Match all applies to every connection
    EXPECT_EQ(s.value("usepam"), "no");

    auto on = match_turns_on(c, "permitemptypasswords");
    ASSERT_EQ(on.size(), 1u);
    EXPECT_EQ(on[0]->file, "/etc/ssh/b.conf");
    EXPECT_EQ(on[0]->match_text(), "User deploy");
    auto pam = match_turns_on(c, "usepam");
    ASSERT_EQ(pam.size(), 1u);
    EXPECT_EQ(pam[0]->match_text(), "User deploy, then Group ops");
    EXPECT_EQ(match_turns_on(c, "passwordauthentication").size(), 1u);
}

TEST(SshdConfig, FirstValueInsideAMatchBlockWins) {
    TempTree t;
    t.write("/etc/ssh/sshd_config", "Match User a\nPasswordAuthentication no\nPasswordAuthentication yes\n");
    EXPECT_TRUE(match_turns_on(read_sshd_config(t.root()), "passwordauthentication").empty());
}

TEST(SshdConfig, DefaultsWhenNothingIsSet) {
    TempTree t;
    t.write("/etc/ssh/sshd_config", "# nothing\n");
    auto s = effective_sshd_settings(read_sshd_config(t.root()));
    EXPECT_EQ(s.value("passwordauthentication"), "yes");
    EXPECT_EQ(s.value("kbdinteractiveauthentication"), "yes");
    EXPECT_EQ(s.value("usepam"), "no");
    EXPECT_EQ(s.value("permitrootlogin"), "prohibit-password");
    EXPECT_EQ(s.value("authorizedkeysfile"), ".ssh/authorized_keys .ssh/authorized_keys2");
}

TEST(SshdConfig, ListOptionsAccumulateAndValuesNormalise) {
    TempTree t;
    t.write("/etc/ssh/sshd_config",
            "AllowUsers alice bob\nAllowUsers carol\nPermitRootLogin without-password\n");
    auto s = effective_sshd_settings(read_sshd_config(t.root()));
    EXPECT_EQ(s.value("allowusers"), "alice bob carol");
    EXPECT_EQ(s.value("permitrootlogin"), "prohibit-password");
}

TEST(SshdConfig, ProblemsAndMissingFiles) {
    TempTree t;
    EXPECT_FALSE(read_sshd_config(t.root()).found);
    t.write("/etc/ssh/sshd_config", "Include /etc/ssh/sshd_config\nBanner \"x\n");  // includes itself
    auto c = read_sshd_config(t.root());
    ASSERT_FALSE(c.problems.empty());
    bool depth = false, quote = false;
    for (const auto& p : c.problems) {
        depth = depth || p.message.find("more than 16 nested Includes") != std::string::npos;
        quote = quote || p.message == "unbalanced quotes";
    }
    EXPECT_TRUE(depth);
    EXPECT_TRUE(quote);
}

// fuzz/sshd_config: a drop-in that includes its own directory twice stays within the depth limit but
// makes 2^16 reads; `check` hung on it. The reader stops at 256 files and says so, once.
TEST(SshdConfig, IncludesThatMultiplyStopAt256Files) {
    TempTree t;
    t.write("/etc/ssh/sshd_config", "Include sshd_config.d/*.conf\n");
    t.write("/etc/ssh/sshd_config.d/a.conf", "Include sshd_config.d/*.conf\nInclude sshd_config.d/*.conf\nPort 22\n");
    auto c = read_sshd_config(t.root());
    EXPECT_EQ(c.files.size(), 256u);
    size_t reported = 0;
    for (const auto& p : c.problems) reported += p.message.starts_with("more than 256 files read");
    EXPECT_EQ(reported, 1u);
}

TEST(SshdConfig, OverlayFilesAreReadAsIfWritten) {
    TempTree t;
    t.write("/etc/ssh/sshd_config", "Include /etc/ssh/sshd_config.d/*.conf\nPasswordAuthentication yes\n");
    t.mkdir("/etc/ssh/sshd_config.d");
    auto c = read_sshd_config(t.root(), kSshdConfigPath,
                              {{"/etc/ssh/sshd_config.d/00-x.conf", "PasswordAuthentication no\n"}});
    EXPECT_EQ(value_of(c, "passwordauthentication"), "no");
    EXPECT_EQ(effective_sshd_settings(c).setting("passwordauthentication").file,
              "/etc/ssh/sshd_config.d/00-x.conf");
}

TEST(SshdSettings, SshdTOverridesTheParserWhereTheyDiffer) {
    TempTree t;
    t.write("/etc/ssh/sshd_config", "PasswordAuthentication no\nUsePAM yes\n");
    auto parsed = effective_sshd_settings(read_sshd_config(t.root()));
    std::vector<std::string> differ;
    auto merged =
        merge_sshd_t(parsed,
                     "port 22\npasswordauthentication no\nusepam no\npermitrootlogin without-password\n"
                     "allowusers a\nallowusers b\n",
                     differ);
    EXPECT_EQ(merged.source, "sshd -T");
    EXPECT_EQ(merged.setting("passwordauthentication").line, 1);  // agreed: the parser's place is kept
    EXPECT_EQ(merged.value("usepam"), "no");
    EXPECT_TRUE(merged.setting("usepam").file.empty());
    EXPECT_EQ(merged.value("allowusers"), "a b");
    ASSERT_EQ(differ.size(), 2u);
    EXPECT_EQ(differ[1], "usepam: the files say 'yes', sshd -T says 'no'");
}

TEST(SshdSettings, PasswordLoginsThroughPamCount) {
    SshdSettings s;
    s.values = {{"passwordauthentication", {"no", "", 0}},
                {"kbdinteractiveauthentication", {"yes", "", 0}},
                {"usepam", {"no", "", 0}}};
    EXPECT_FALSE(password_logins_on(s));
    s.values["usepam"].value = "yes";
    EXPECT_TRUE(password_logins_on(s));
}
