#include <gtest/gtest.h>
#include <netinet/in.h>

#include "analysis/filter_match.hpp"

using namespace ctguard;

namespace {

Flow sample() {
    Flow f;
    f.family = AF_INET;
    f.proto = IPPROTO_TCP;
    f.orig.src = *parse_ip("198.18.0.5");
    f.orig.dst = *parse_ip("198.19.0.1");
    f.orig.sport = 40000;
    f.orig.dport = 22;
    f.state = *state_number(IPPROTO_TCP, "SYN_RECV");
    f.mark = 0x1234;
    f.zone = 7;
    return f;  // no SEEN_REPLY: unreplied
}

}  // namespace

TEST(Filter, EmptyMatchesEverything) {
    EXPECT_TRUE(matches(Filter{}, sample()));
}

TEST(Filter, EachFieldCanExclude) {
    Flow f = sample();
    Filter x;
    x.src = {*parse_cidr("198.18.0.0/29")};
    EXPECT_TRUE(matches(x, f));
    x.src = {*parse_cidr("198.18.0.8/29")};
    EXPECT_FALSE(matches(x, f));
    x.src = {*parse_cidr("198.18.0.8/29"), *parse_cidr("198.18.0.0/30")};  // any of them
    EXPECT_FALSE(matches(x, f));
    x.src = {*parse_cidr("198.18.0.8/29"), *parse_cidr("198.18.0.4/30")};
    EXPECT_TRUE(matches(x, f));

    Filter p;
    p.dport = PortRange{20, 25};
    EXPECT_TRUE(matches(p, f));
    p.dport = PortRange{23, 25};
    EXPECT_FALSE(matches(p, f));

    Filter s;
    s.state = "SYN_RECV";
    EXPECT_TRUE(matches(s, f));
    s.state = "ESTABLISHED";
    EXPECT_FALSE(matches(s, f));
    s.state = "UNREPLIED";
    EXPECT_TRUE(matches(s, f));
    s.state = "ASSURED";
    EXPECT_FALSE(matches(s, f));

    Filter m;
    m.mark = MarkMatch{0x34, 0xff};
    EXPECT_TRUE(matches(m, f));
    m.mark = MarkMatch{0x1234, 0xffffffff};
    EXPECT_TRUE(matches(m, f));
    m.mark = MarkMatch{0x35, 0xff};
    EXPECT_FALSE(matches(m, f));

    Filter z;
    z.zone = 7;
    EXPECT_TRUE(matches(z, f));
    z.zone = 0;
    EXPECT_FALSE(matches(z, f));

    Filter pr;
    pr.proto = IPPROTO_UDP;
    EXPECT_FALSE(matches(pr, f));
}

TEST(Filter, PortsNeverMatchPortlessProtocols) {
    Flow f = sample();
    f.proto = IPPROTO_ICMP;
    Filter p;
    p.sport = PortRange{0, 65535};
    EXPECT_FALSE(matches(p, f));
}

TEST(Filter, FamiliesDoNotMix) {
    Filter x;
    x.dst = {*parse_cidr("::/0")};
    EXPECT_FALSE(matches(x, sample()));
}

// The value parsers `--mark`, `--src`, `--sport` and the daemon's [[tenant]] mark / cidr share.
TEST(FilterValues, Marks) {
    auto m = parse_mark("--mark", "0x1234/0xff");
    ASSERT_TRUE(m.ok());
    EXPECT_EQ(m->value, 0x34u);  // the value keeps only the bits of the mask
    EXPECT_EQ(m->mask, 0xffu);
    m = parse_mark("--mark", "16");
    ASSERT_TRUE(m.ok());
    EXPECT_EQ(m->value, 16u);
    EXPECT_EQ(m->mask, 0xffffffffu);
    for (const char* bad : {"", "0xzz", "1/", "/1", "4294967296", "-1"}) {
        auto e = parse_mark("tenant[1].mark", bad);
        ASSERT_FALSE(e.ok()) << bad;
        EXPECT_EQ(e.error().what, "tenant[1].mark");
        EXPECT_EQ(e.error().why, "'" + std::string(bad) + "' is not a mark N or N/MASK");
    }
}

TEST(FilterValues, CidrLists) {
    auto c = parse_cidr_list("--src", {" 198.18.0.0/15", "2001:db8::1 "});
    ASSERT_TRUE(c.ok());
    ASSERT_EQ(c->size(), 2u);
    EXPECT_EQ(to_string((*c)[0]), "198.18.0.0/15");
    EXPECT_EQ(to_string((*c)[1]), "2001:db8::1/128");
    auto e = parse_cidr_list("--dst", {"198.18.0.1", "198.18.0.0/33"});
    ASSERT_FALSE(e.ok());
    EXPECT_EQ(e.error().what, "--dst");
    EXPECT_EQ(e.error().why, "'198.18.0.0/33' is not an IP address or CIDR");
}

TEST(FilterValues, PortRanges) {
    auto p = parse_port_range("--dport", "22");
    ASSERT_TRUE(p.ok());
    EXPECT_EQ(p->lo, 22);
    EXPECT_EQ(p->hi, 22);
    p = parse_port_range("--sport", "1024-65535");
    ASSERT_TRUE(p.ok());
    EXPECT_EQ(p->lo, 1024);
    EXPECT_EQ(p->hi, 65535);
    for (const char* bad : {"", "80-22", "65536", "1-", "x"})
        EXPECT_FALSE(parse_port_range("--dport", bad).ok()) << bad;
}
