#include <gtest/gtest.h>

#include <cstdio>

#include "lib/text.hpp"

using namespace ctguard;

TEST(Text, ThousandsSeparators) {
    EXPECT_EQ(with_thousands(0), "0");
    EXPECT_EQ(with_thousands(999), "999");
    EXPECT_EQ(with_thousands(1000), "1,000");
    EXPECT_EQ(with_thousands(10000), "10,000");
    EXPECT_EQ(with_thousands(262144), "262,144");
    EXPECT_EQ(with_thousands(1234567), "1,234,567");
}

TEST(Text, ParsesNumbersStrictly) {
    EXPECT_EQ(parse_u64("29000"), 29000u);
    EXPECT_FALSE(parse_u64("-1"));
    EXPECT_FALSE(parse_u64("12a"));
    EXPECT_FALSE(parse_u64(""));
    EXPECT_FALSE(parse_u64("70000", 65535));
    EXPECT_EQ(parse_u64_any_base("0x10"), 16u);
    EXPECT_FALSE(parse_u64_any_base("0x"));
    EXPECT_EQ(parse_seconds("0.5"), 0.5);
    EXPECT_FALSE(parse_seconds("0"));
    EXPECT_FALSE(parse_seconds("-1"));
    EXPECT_FALSE(parse_seconds("1s"));
}

TEST(Text, PrintableEscapesControlsAndBadBytes) {
    EXPECT_EQ(printable("sshd: root@pts/0"), "sshd: root@pts/0");
    EXPECT_EQ(printable("caf\xc3\xa9 \xe2\x9c\x93"), "caf\xc3\xa9 \xe2\x9c\x93");  // UTF-8 stays
    EXPECT_EQ(printable("a\x1b[2Jb"), "a\\x1b[2Jb");
    EXPECT_EQ(printable("kworker\nroot  1  sshd"), "kworker\\x0aroot  1  sshd");
    EXPECT_EQ(printable(std::string("t\tab\x7f\0z", 7)), "t\\x09ab\\x7f\\x00z");
    EXPECT_EQ(printable("x\xc2\x9b"
                        "31m"),
              "x\\u009b31m");  // C1 CSI
    EXPECT_EQ(printable("\xff\xfe"), "\\xff\\xfe");
    EXPECT_EQ(printable("\xc0\xaf"), "\\xc0\\xaf");           // overlong '/'
    EXPECT_EQ(printable("\xed\xa0\x80"), "\\xed\\xa0\\x80");  // surrogate
    EXPECT_EQ(printable("\xe2\x9c"), "\\xe2\\x9c");           // cut short
    EXPECT_EQ(printable("C:\\dir"), "C:\\dir");               // backslashes as they are
}

TEST(Text, ShellQuote) {
    EXPECT_EQ(shell_quote("/usr/bin/ls"), "/usr/bin/ls");
    EXPECT_EQ(shell_quote("1234"), "1234");
    EXPECT_EQ(shell_quote(""), "''");
    EXPECT_EQ(shell_quote("/tmp/my file"), "'/tmp/my file'");
    EXPECT_EQ(shell_quote("it's"), "'it'\\''s'");
    EXPECT_EQ(shell_quote("$(rm -rf /)"), "'$(rm -rf /)'");
    EXPECT_EQ(shell_quote("`id`;x"), "'`id`;x'");
    EXPECT_EQ(shell_quote("a\nb"), "'a\nb'");
    EXPECT_EQ(shell_quote("\"q\" \\"), "'\"q\" \\'");
    EXPECT_EQ(shell_quote("-rf *"), "'-rf *'");
}

TEST(Text, ShellQuoteReadsBackInAShell) {
    const std::string word = "a b'c\"d$(echo no)`x`\n\\e\xff";
    std::string cmd = "/bin/sh -c " + shell_quote("printf %s " + shell_quote(word));
    FILE* p = ::popen(cmd.c_str(), "r");
    ASSERT_NE(p, nullptr);
    std::string out;
    char buf[256];
    while (size_t n = std::fread(buf, 1, sizeof buf, p)) out.append(buf, n);
    EXPECT_EQ(::pclose(p), 0);
    EXPECT_EQ(out, word);
}

TEST(Text, NearestWordSuggestsWhatATypoMeant) {
    const std::vector<std::string> commands = {"check", "status", "top", "list", "watch", "procs", "harden", "limit"};
    EXPECT_EQ(nearest_word("chek", commands), "check");
    EXPECT_EQ(nearest_word("chcek", commands), "check");  // two swapped letters are one edit
    EXPECT_EQ(nearest_word("stat", commands), "status");   // the only command it starts
    EXPECT_EQ(nearest_word("lsit", commands), "list");
    EXPECT_EQ(nearest_word("xyzzy", commands), "");        // nothing close: no guess
    EXPECT_EQ(nearest_word("", commands), "");
    EXPECT_EQ(nearest_word("sshd", {"ssh"}), "ssh");
    EXPECT_EQ(nearest_word("sett", {"set", "timeouts"}), "set");
}

TEST(Text, ParseCountTakesThousandsAsCtguardPrintsThem) {
    EXPECT_EQ(parse_count("29000"), 29000u);
    EXPECT_EQ(parse_count("29,000"), 29000u);
    EXPECT_EQ(parse_count("1,234,567"), 1234567u);
    EXPECT_FALSE(parse_count("2,90"));
    EXPECT_FALSE(parse_count(",500"));
    EXPECT_FALSE(parse_count("1,0000"));
    EXPECT_FALSE(parse_count("1,,000"));
    EXPECT_FALSE(parse_count("29,000", 1000));
}

TEST(Text, CountOfAndSharePercent) {
    EXPECT_EQ(count_of(1, "finding"), "1 finding");
    EXPECT_EQ(count_of(2, "finding"), "2 findings");
    EXPECT_EQ(count_of(0, "group"), "0 groups");
    EXPECT_EQ(count_of(1234, "entry", "entries"), "1,234 entries");
    EXPECT_EQ(count_of(1, "entry", "entries"), "1 entry");
    EXPECT_EQ(share_percent(97, 100), "97%");
    EXPECT_EQ(share_percent(2, 3), "67%");
    EXPECT_EQ(share_percent(5, 0), "0%");
}
