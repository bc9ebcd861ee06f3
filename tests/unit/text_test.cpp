#include <gtest/gtest.h>

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
