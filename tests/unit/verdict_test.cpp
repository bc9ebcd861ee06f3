#include <gtest/gtest.h>
#include <netinet/in.h>

#include "analysis/traffic_shape.hpp"
#include "analysis/verdict.hpp"

using namespace ctguard;

namespace {

Flow tcp(const char* src, const char* dst, const char* state, bool replied) {
    Flow f;
    f.proto = IPPROTO_TCP;
    f.orig.src = *parse_ip(src);
    f.orig.dst = *parse_ip(dst);
    f.family = f.orig.src.family;
    f.state = *state_number(IPPROTO_TCP, state);
    f.status = replied ? kStatusSeenReply : 0;
    return f;
}

CapFacts good_cap() {
    return {29000, 29000, false, false};
}

VerdictInputs base() {
    VerdictInputs in;
    in.cap = good_cap();
    in.traffic = TrafficShape{};
    return in;
}

}  // namespace

TEST(TrafficShape, SortsEntriesByDirection) {
    TrafficShapeCounter c({*parse_cidr("198.18.0.1/32"), *parse_cidr("127.0.0.0/8")});
    c.on_flow(tcp("198.19.0.5", "198.18.0.1", "SYN_RECV", false));    // inbound, half-open
    c.on_flow(tcp("198.19.0.6", "198.18.0.1", "ESTABLISHED", true));  // inbound
    c.on_flow(tcp("198.19.0.6", "198.18.0.1", "ESTABLISHED", true));  // same source again
    c.on_flow(tcp("198.18.0.1", "198.19.1.1", "SYN_SENT", false));    // outbound, half-open
    c.on_flow(tcp("198.18.0.1", "198.19.1.2", "ESTABLISHED", true));  // outbound
    c.on_flow(tcp("198.19.2.1", "198.19.3.1", "ESTABLISHED", true));  // forwarded
    c.on_flow(tcp("127.0.0.1", "127.0.0.1", "ESTABLISHED", true));    // internal
    auto s = c.result();
    EXPECT_EQ(s.total, 7u);
    EXPECT_EQ(s.inbound, 3u);
    EXPECT_EQ(s.inbound_half_open, 1u);
    EXPECT_EQ(s.inbound_sources, 2u);
    EXPECT_EQ(s.outbound, 2u);
    EXPECT_EQ(s.outbound_half_open, 1u);
    EXPECT_EQ(s.outbound_destinations, 2u);
    EXPECT_EQ(s.forwarded, 1u);
    EXPECT_EQ(s.internal, 1u);
    EXPECT_EQ(s.syn_recv, 1u);
    EXPECT_EQ(s.unreplied, 2u);
}

TEST(Verdict, NormalWhenNothingStandsOut) {
    auto v = decide_verdict(base());
    EXPECT_EQ(v.kind, VerdictKind::normal);
    EXPECT_TRUE(v.reasons.empty());
}

TEST(Verdict, InboundHalfOpenFloodIsAnAttackOnlyAboveTheWarningLine) {
    auto in = base();
    in.traffic->total = 20000;
    in.traffic->inbound = 19000;
    in.traffic->inbound_half_open = 18000;
    in.traffic->inbound_sources = 4000;
    EXPECT_EQ(decide_verdict(in).kind, VerdictKind::normal);  // level ok: not (yet) a problem
    in.level = Level::capped;
    auto v = decide_verdict(in);
    EXPECT_EQ(v.kind, VerdictKind::attack);
    ASSERT_EQ(v.reasons.size(), 2u);
    EXPECT_NE(v.reasons[1].find("pinned"), std::string::npos);
}

TEST(Verdict, BusyLegitimateServiceIsNotAnAttack) {
    auto in = base();
    in.level = Level::elevated;
    in.traffic->total = 20000;
    in.traffic->inbound = 19000;
    in.traffic->inbound_half_open = 500;  // almost everything completed its handshake
    EXPECT_EQ(decide_verdict(in).kind, VerdictKind::normal);
}

TEST(Verdict, CompromiseSignalsWinOverEverythingElse) {
    auto in = base();
    in.level = Level::critical;
    in.traffic->total = in.traffic->inbound = in.traffic->inbound_half_open = 40000;
    in.cap = CapFacts{262144, std::nullopt, true, false};
    in.suspicious_groups = 1;
    auto v = decide_verdict(in);
    EXPECT_EQ(v.kind, VerdictKind::compromise);
    // The other problems are still named, after the compromise.
    ASSERT_GE(v.reasons.size(), 4u);
    EXPECT_NE(v.reasons[0].find("replace each other"), std::string::npos);
}

TEST(Verdict, OutboundFanOutAloneIsACompromise) {
    auto in = base();
    in.traffic->total = 3000;
    in.traffic->outbound = 2500;
    in.traffic->outbound_half_open = kFanOutHalfOpen;
    in.traffic->outbound_destinations = kFanOutDestinations - 1;
    EXPECT_EQ(decide_verdict(in).kind, VerdictKind::normal);  // few destinations: a stuck client, not a scan
    in.traffic->outbound_destinations = kFanOutDestinations;
    EXPECT_EQ(decide_verdict(in).kind, VerdictKind::compromise);
}

TEST(Verdict, IntrusionFindings) {
    EXPECT_TRUE(is_intrusion_finding("xorddos.gcc_sh"));
    EXPECT_TRUE(is_intrusion_finding("persist.cron.download"));
    EXPECT_TRUE(is_intrusion_finding("binary.modified"));
    EXPECT_FALSE(is_intrusion_finding("ssh.password_auth"));  // weak, not proof of an intruder
    EXPECT_FALSE(is_intrusion_finding("persist.cron.unowned"));
    auto in = base();
    in.intrusion_findings = {"xorddos.libudev"};
    EXPECT_EQ(decide_verdict(in).kind, VerdictKind::compromise);
}

TEST(Verdict, MisconfiguredCaps) {
    auto in = base();
    in.cap = CapFacts{262144, 262144, false, false};  // the distribution default, above the line
    auto v = decide_verdict(in);
    EXPECT_EQ(v.kind, VerdictKind::misconfigured);
    EXPECT_EQ(v.reasons.size(), 2u);                       // live and boot
    in.cap = CapFacts{29000, std::nullopt, false, false};  // set live only: lost at reboot
    EXPECT_EQ(decide_verdict(in).kind, VerdictKind::misconfigured);
    in.cap = CapFacts{29000, 29000, true, false};  // right value, plus a dead legacy key
    EXPECT_EQ(decide_verdict(in).kind, VerdictKind::misconfigured);
    in.cap = CapFacts{262144, std::nullopt, false, true};  // a guest namespace: not ours to fix
    EXPECT_EQ(decide_verdict(in).kind, VerdictKind::normal);
    in.cap.reset();  // unknown
    EXPECT_EQ(decide_verdict(in).kind, VerdictKind::normal);
}
