// The ctnetlink decoder on messages recorded from a real kernel (tests/data/README.md).
#include <gtest/gtest.h>
#include <netinet/in.h>

#include <algorithm>
#include <cstring>

#include "recorded.hpp"

using namespace ctguard;
using namespace ctguard::testing;

namespace {

const Flow* find(const std::vector<Flow>& flows, const char* src, uint8_t proto) {
    auto addr = *parse_ip(src);
    auto it = std::find_if(flows.begin(), flows.end(),
                           [&](const Flow& f) { return f.orig.src == addr && f.proto == proto; });
    return it == flows.end() ? nullptr : &*it;
}

}  // namespace

TEST(CtMessage, DecodesEveryRecordedEntry) {
    auto messages = recorded_messages();
    ASSERT_EQ(messages.size(), 9u);
    EXPECT_EQ(recorded_flows().size(), 9u);
}

TEST(CtMessage, TcpWithMarkAndCounters) {
    auto flows = recorded_flows();
    const Flow* f = find(flows, "198.18.0.1", IPPROTO_TCP);
    ASSERT_NE(f, nullptr);
    EXPECT_EQ(f->family, AF_INET);
    EXPECT_EQ(to_string(f->orig.dst), "198.18.0.2");
    EXPECT_EQ(f->orig.dport, 443);
    EXPECT_EQ(f->reply.sport, 443);
    EXPECT_EQ(f->reply.dport, f->orig.sport);
    EXPECT_STREQ(state_name(f->proto, f->state), "ESTABLISHED");
    EXPECT_EQ(f->mark, 0x2au);
    EXPECT_TRUE(f->assured());
    EXPECT_FALSE(f->unreplied());
    EXPECT_TRUE(f->has_counters);  // nf_conntrack_acct was on
    EXPECT_GT(f->timeout, 3500u);
    EXPECT_NE(f->id, 0u);
}

TEST(CtMessage, Ipv6UdpInAZoneUnreplied) {
    auto flows = recorded_flows();
    const Flow* f = find(flows, "2001:db8::", IPPROTO_UDP);
    ASSERT_NE(f, nullptr);
    EXPECT_EQ(f->family, AF_INET6);
    EXPECT_EQ(to_string(f->orig.dst), "2001:db8:1::1");
    EXPECT_EQ(f->orig.dport, 53);
    EXPECT_EQ(f->zone, 4);
    EXPECT_EQ(f->mark, 0x10u);
    EXPECT_TRUE(f->unreplied());
    EXPECT_EQ(f->state, kNoState);
    EXPECT_EQ(state_name(f->proto, f->state), nullptr);
}

TEST(CtMessage, OddStatesAndProtocols) {
    auto flows = recorded_flows();
    const Flow* sctp = find(flows, "198.18.3.3", IPPROTO_SCTP);
    ASSERT_NE(sctp, nullptr);
    EXPECT_STREQ(state_name(sctp->proto, sctp->state), "COOKIE_WAIT");
    const Flow* syn2 = find(flows, "198.18.9.9", IPPROTO_TCP);
    ASSERT_NE(syn2, nullptr);
    EXPECT_STREQ(state_name(syn2->proto, syn2->state), "SYN_SENT2");
    EXPECT_EQ(syn2->zone, 65535);
    EXPECT_LE(syn2->timeout, 5u);
    const Flow* v6syn = find(flows, "2001:db8::77", IPPROTO_TCP);
    ASSERT_NE(v6syn, nullptr);
    EXPECT_STREQ(state_name(v6syn->proto, v6syn->state), "SYN_RECV");
    EXPECT_TRUE(v6syn->unreplied());
    // The kernel no longer tracks DCCP: a generic entry, no state, ports absent (zero).
    const Flow* dccp = find(flows, "198.18.4.4", IPPROTO_DCCP);
    ASSERT_NE(dccp, nullptr);
    EXPECT_EQ(dccp->state, kNoState);
    EXPECT_EQ(dccp->orig.dport, 0);
}

TEST(CtMessage, IcmpBothFamilies) {
    auto flows = recorded_flows();
    const Flow* v4 = find(flows, "198.18.1.1", IPPROTO_ICMP);
    ASSERT_NE(v4, nullptr);
    EXPECT_EQ(v4->orig.icmp_type, 8);
    EXPECT_EQ(v4->reply.icmp_type, 0);
    EXPECT_EQ(v4->orig.icmp_id, 1024);
    EXPECT_FALSE(v4->has_ports());
    const Flow* v6 = find(flows, "2001:db8::5", IPPROTO_ICMPV6);
    ASSERT_NE(v6, nullptr);
    EXPECT_EQ(v6->orig.icmp_type, 128);
    EXPECT_EQ(v6->reply.icmp_type, 129);
}

TEST(CtMessage, RejectsEveryTruncation) {
    // Cut each message at every length and fix up nlmsg_len: while the original tuple (the first
    // attribute, after nlmsghdr + nfgenmsg = 20 bytes) is incomplete the decoder must refuse, and it
    // must never read past the end (valgrind/ASan see that part).
    for (const auto& m : recorded_messages()) {
        uint16_t first_attr_len;
        std::memcpy(&first_attr_len, m.data() + 20, sizeof first_attr_len);
        const size_t tuple_end = 20 + first_attr_len;
        for (size_t len = 0; len < m.size(); ++len) {
            std::string cut = m.substr(0, len);
            cut.resize(std::max(len, sizeof(nlmsghdr)), '\0');
            auto* nlh = reinterpret_cast<nlmsghdr*>(cut.data());
            nlh->nlmsg_len = static_cast<uint32_t>(len);
            Flow f;
            bool ok = parse_ct_message(nlh, f);
            if (len < tuple_end) {
                EXPECT_FALSE(ok) << "length " << len;
            }
        }
    }
}

TEST(CtMessage, RejectsAttributeLongerThanMessage) {
    std::string m = recorded_messages().front();
    // First attribute after nlmsghdr (16) + nfgenmsg (4): claim it is far longer than the message.
    uint16_t huge = 0xfff0;
    std::memcpy(m.data() + 20, &huge, sizeof huge);
    Flow f;
    EXPECT_FALSE(parse_ct_message(reinterpret_cast<const nlmsghdr*>(m.data()), f));
}

TEST(CtMessage, SkipsThePartsNobodyReads) {
    auto messages = recorded_messages();
    const auto* nlh = reinterpret_cast<const nlmsghdr*>(messages.front().data());
    Flow full, lean;
    ASSERT_TRUE(parse_ct_message(nlh, full, kFlowAll));
    lean.reply.src = *parse_ip("198.18.255.255");  // stale data from an earlier entry must not survive
    lean.state = 3;
    ASSERT_TRUE(parse_ct_message(nlh, lean, 0));
    EXPECT_EQ(lean.orig.src, full.orig.src);
    EXPECT_EQ(lean.orig.dport, full.orig.dport);
    EXPECT_EQ(lean.status, full.status);
    EXPECT_EQ(lean.mark, full.mark);
    EXPECT_EQ(lean.reply.src.family, 0);
    EXPECT_EQ(lean.state, kNoState);
    EXPECT_FALSE(lean.has_counters);
}
