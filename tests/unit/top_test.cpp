#include <gtest/gtest.h>
#include <netinet/in.h>

#include "analysis/top.hpp"

using namespace ctguard;

namespace {

Flow tcp(const char* src, const char* dst, uint16_t sport, uint16_t dport,
         const char* state = "ESTABLISHED") {
    Flow f;
    f.proto = IPPROTO_TCP;
    f.orig.src = *parse_ip(src);
    f.orig.dst = *parse_ip(dst);
    f.family = f.orig.src.family;
    f.orig.sport = sport;
    f.orig.dport = dport;
    f.state = *state_number(IPPROTO_TCP, state);
    f.status = kStatusSeenReply | kStatusAssured;
    return f;
}

}  // namespace

TEST(Top, GroupsAndRanksWithStableTies) {
    TopAggregator top({TopKey::src}, {});
    for (int i = 0; i < 5; ++i) top.on_flow(tcp("198.18.0.9", "198.19.0.1", 1000 + i, 80));
    for (int i = 0; i < 3; ++i) top.on_flow(tcp("198.18.0.2", "198.19.0.1", 1000 + i, 80));
    for (int i = 0; i < 3; ++i) top.on_flow(tcp("198.18.0.1", "198.19.0.1", 1000 + i, 80));
    top.on_flow(tcp("2001:db8::1", "2001:db8::2", 1, 80));
    auto r = top.result(3);
    EXPECT_EQ(r.total, 12u);
    EXPECT_EQ(r.groups, 4u);
    ASSERT_EQ(r.rows.size(), 3u);
    EXPECT_EQ(to_string(r.rows[0].values.src), "198.18.0.9");
    EXPECT_EQ(r.rows[0].count, 5u);
    // equal counts: lower address first, every run
    EXPECT_EQ(to_string(r.rows[1].values.src), "198.18.0.1");
    EXPECT_EQ(to_string(r.rows[2].values.src), "198.18.0.2");
    EXPECT_EQ(r.other, 1u);
}

TEST(Top, CompositeKeysAndPortlessProtocols) {
    TopAggregator top({TopKey::dport, TopKey::proto}, {});
    top.on_flow(tcp("198.18.0.1", "198.19.0.1", 1, 443));
    top.on_flow(tcp("198.18.0.2", "198.19.0.1", 2, 443));
    Flow icmp;
    icmp.proto = IPPROTO_ICMP;
    icmp.orig.src = *parse_ip("198.18.0.3");
    icmp.orig.sport = 77;  // not a port: must not show up as one
    top.on_flow(icmp);
    auto r = top.result(10);
    ASSERT_EQ(r.rows.size(), 2u);
    EXPECT_EQ(r.rows[0].values.dport, 443);
    EXPECT_EQ(r.rows[0].values.proto, IPPROTO_TCP);
    EXPECT_EQ(r.rows[1].values.dport, std::nullopt);
    EXPECT_EQ(r.rows[1].values.proto, IPPROTO_ICMP);
}

TEST(Top, StateNamesGroupAcrossProtocols) {
    TopAggregator top({TopKey::state}, {});
    top.on_flow(tcp("198.18.0.1", "198.19.0.1", 1, 80, "ESTABLISHED"));
    Flow sctp = tcp("198.18.0.1", "198.19.0.1", 2, 80);
    sctp.proto = IPPROTO_SCTP;
    sctp.state = *state_number(IPPROTO_SCTP, "ESTABLISHED");
    top.on_flow(sctp);
    top.on_flow(tcp("198.18.0.1", "198.19.0.1", 3, 80, "SYN_SENT"));
    auto r = top.result(10);
    ASSERT_EQ(r.rows.size(), 2u);
    EXPECT_STREQ(state_name_by_id(r.rows[0].values.state_id), "ESTABLISHED");
    EXPECT_EQ(r.rows[0].count, 2u);
}

TEST(Top, AppliesTheFilterBeforeCounting) {
    Filter f;
    f.src.push_back(*parse_cidr("198.18.0.0/24"));
    f.dport = PortRange{80, 80};
    TopAggregator top({TopKey::src}, f);
    top.on_flow(tcp("198.18.0.1", "198.19.0.1", 1, 80));
    top.on_flow(tcp("198.18.1.1", "198.19.0.1", 1, 80));   // outside the CIDR
    top.on_flow(tcp("198.18.0.1", "198.19.0.1", 2, 443));  // other port
    EXPECT_EQ(top.total(), 1u);
}

TEST(Top, AsksOnlyForThePartsItReads) {
    EXPECT_EQ(TopAggregator({TopKey::src}, {}).parts(), 0u);
    EXPECT_EQ(TopAggregator({TopKey::src, TopKey::state}, {}).parts(), uint32_t{kFlowState});
    Filter by_state;
    by_state.state = "SYN_RECV";
    EXPECT_EQ(TopAggregator({TopKey::src}, by_state).parts(), uint32_t{kFlowState});
    Filter unreplied;
    unreplied.state = "UNREPLIED";  // a status bit, always decoded
    EXPECT_EQ(TopAggregator({TopKey::src}, unreplied).parts(), 0u);
    TopAggregator by_dport({TopKey::dport}, {}), by_state_key({TopKey::state}, {});
    FanOutSink both{&by_dport, &by_state_key};
    EXPECT_EQ(both.parts(), uint32_t{kFlowState});
}
