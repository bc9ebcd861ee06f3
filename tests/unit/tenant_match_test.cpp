#include <gtest/gtest.h>

#include <netinet/in.h>

#include "analysis/tenant_match.hpp"
#include "config/daemon_config.hpp"

using namespace ctguard;

namespace {

Flow flow(const char* src, const char* dst, uint16_t zone = 0, uint32_t mark = 0) {
    Flow f;
    f.family = AF_INET;
    f.proto = IPPROTO_TCP;
    f.orig.src = *parse_ip(src);
    f.orig.dst = *parse_ip(dst);
    f.zone = zone;
    f.mark = mark;
    return f;
}

TenantSpec spec(const std::string& toml) {
    auto c = parse_daemon_config(toml, "t");
    EXPECT_TRUE(c.ok());
    return c->tenants.at(0);
}

}  // namespace

TEST(TenantMatch, ZoneMarkAndCidrEitherDirection) {
    auto zone = spec("[[tenant]]\nname = \"z\"\nzone = 12\n");
    auto mark = spec("[[tenant]]\nname = \"m\"\nmark = \"0x10/0xf0\"\n");
    auto cidr = spec("[[tenant]]\nname = \"c\"\ncidr = \"198.18.5.0/24\"\n");
    EXPECT_TRUE(tenant_matches(zone, flow("198.18.0.1", "198.19.0.1", 12)));
    EXPECT_FALSE(tenant_matches(zone, flow("198.18.0.1", "198.19.0.1", 13)));
    EXPECT_TRUE(tenant_matches(mark, flow("198.18.0.1", "198.19.0.1", 0, 0x1f)));
    EXPECT_FALSE(tenant_matches(mark, flow("198.18.0.1", "198.19.0.1", 0, 0x2f)));
    EXPECT_TRUE(tenant_matches(cidr, flow("198.18.5.9", "198.19.0.1")));  // the tenant connects out
    EXPECT_TRUE(tenant_matches(cidr, flow("198.19.0.1", "198.18.5.9")));  // someone connects in
    EXPECT_FALSE(tenant_matches(cidr, flow("198.18.6.9", "198.19.0.1")));
}

TEST(TenantMatch, OnePassCountsEveryTenant) {
    auto a = spec("[[tenant]]\nname = \"a\"\ncidr = \"198.18.0.0/16\"\n");
    auto b = spec("[[tenant]]\nname = \"b\"\nzone = 7\n");
    TenantCounter counter({&a, &b});
    counter.on_flow(flow("198.18.0.1", "198.19.0.1", 7));  // both
    counter.on_flow(flow("198.18.0.2", "198.19.0.1"));     // a
    counter.on_flow(flow("198.20.0.1", "198.19.0.1", 7));  // b
    counter.on_flow(flow("198.20.0.1", "198.19.0.1"));     // neither
    EXPECT_EQ(counter.counts(), (std::vector<uint64_t>{2, 2}));
}
