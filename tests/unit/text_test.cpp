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
