#include <gtest/gtest.h>

#include "model/ip.hpp"

using namespace ctguard;

TEST(Ip, ParsesAndFormatsBothFamilies) {
    EXPECT_EQ(to_string(*parse_ip("198.18.0.1")), "198.18.0.1");
    EXPECT_EQ(to_string(*parse_ip("2001:0db8:0000:0000:0000:0000:0000:0001")), "2001:db8::1");
    EXPECT_FALSE(parse_ip("198.18.0.256"));
    EXPECT_FALSE(parse_ip("not-an-ip"));
    EXPECT_FALSE(parse_ip(""));
}

TEST(Cidr, ClearsHostBitsAndMatches) {
    auto c = parse_cidr("198.18.0.77/15");
    ASSERT_TRUE(c);
    EXPECT_EQ(to_string(*c), "198.18.0.0/15");
    EXPECT_TRUE(c->contains(*parse_ip("198.19.255.255")));
    EXPECT_FALSE(c->contains(*parse_ip("198.20.0.0")));
    EXPECT_FALSE(c->contains(*parse_ip("2001:db8::1")));  // other family never matches
}

TEST(Cidr, OddPrefixesAndBareAddresses) {
    auto c = parse_cidr("2001:db8::/33");
    ASSERT_TRUE(c);
    EXPECT_TRUE(c->contains(*parse_ip("2001:db8:7fff::1")));
    EXPECT_FALSE(c->contains(*parse_ip("2001:db8:8000::1")));
    auto host = parse_cidr("198.18.0.1");
    ASSERT_TRUE(host);
    EXPECT_EQ(host->prefix, 32);
    EXPECT_TRUE(parse_cidr("0.0.0.0/0")->contains(*parse_ip("203.0.113.9")));
    EXPECT_FALSE(parse_cidr("198.18.0.0/33"));
    EXPECT_FALSE(parse_cidr("198.18.0.0/"));
    EXPECT_FALSE(parse_cidr("198.18.0.0/-1"));
    EXPECT_FALSE(parse_cidr("2001:db8::/129"));
}
