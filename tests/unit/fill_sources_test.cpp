#include <gtest/gtest.h>
#include <netinet/in.h>

#include "analysis/check_outcome.hpp"
#include "analysis/fill_sources.hpp"
#include "analysis/traffic_shape.hpp"
#include "analysis/verdict.hpp"

using namespace ctguard;

namespace {

Flow tcp(const char* src, const char* dst, uint16_t dport) {
    Flow f;
    f.proto = IPPROTO_TCP;
    f.orig.src = *parse_ip(src);
    f.orig.dst = *parse_ip(dst);
    f.orig.dport = dport;
    f.family = f.orig.src.family;
    f.state = *state_number(IPPROTO_TCP, "ESTABLISHED");
    f.status = kStatusSeenReply;
    return f;
}

// The review's router: 30,569 of 31,023 entries forwarded, two busy inner hosts, a little inbound.
TrafficShape router() {
    TrafficShapeCounter c({*parse_cidr("198.18.0.1/32")});
    for (int i = 0; i < 20000; ++i) c.on_flow(tcp("198.18.5.2", "198.19.9.9", 443));
    for (int i = 0; i < 10569; ++i) c.on_flow(tcp("198.18.5.3", "198.19.9.8", 53));
    for (int i = 0; i < 400; ++i) c.on_flow(tcp("198.19.1.1", "198.18.0.1", 22));
    for (int i = 0; i < 54; ++i) c.on_flow(tcp("198.19.1.2", "198.18.0.1", 443));
    return c.result();
}

}  // namespace

TEST(FillSources, AccountForMostOfTheTableBiggestFirst) {
    const TrafficShape shape = router();
    EXPECT_EQ(shape.total, 31023u);
    ProcsReport procs;
    auto sources = fill_sources(shape, &procs);
    ASSERT_EQ(sources.size(), 2u);  // no outbound, nothing local: kinds without entries are left out
    EXPECT_EQ(sources[0].kind, FillKind::forwarded);
    EXPECT_EQ(sources[0].count, 30569u);
    ASSERT_EQ(sources[0].top.size(), 2u);
    EXPECT_EQ(sources[0].top[0].key, "198.18.5.2");
    EXPECT_EQ(sources[0].top[0].count, 20000u);
    EXPECT_EQ(sources[1].kind, FillKind::inbound);
    EXPECT_EQ(sources[1].top[0].key, "22/tcp");
    EXPECT_EQ(sources[1].top[1].key, "443/tcp");

    const std::string why = dominant_source_reason(sources, shape.total);
    EXPECT_EQ(why.substr(0, 48), "30,569 of 31,023 entries (99%) are forwarded thr");
    EXPECT_NE(why.find("most from 198.18.5.2"), std::string::npos);
}

TEST(FillSources, OutboundNamesTheBusiestProcesses) {
    TrafficShape shape;
    shape.total = shape.outbound = 900;
    ProcsReport procs;
    procs.processes.resize(2);
    procs.processes[0].info.pid = 7;
    procs.processes[0].info.comm = "curl";
    procs.processes[0].flows.flows = 100;
    procs.processes[1].info.pid = 8;
    procs.processes[1].info.comm = "dmsFZqnoz13z";
    procs.processes[1].flows.flows = 800;
    auto sources = fill_sources(shape, &procs);
    ASSERT_EQ(sources.size(), 1u);
    ASSERT_EQ(sources[0].top.size(), 2u);
    EXPECT_EQ(sources[0].top[0].key, "dmsFZqnoz13z[8]");
    EXPECT_EQ(dominant_source_reason(sources, 900), "900 of 900 entries (100%) are opened by this host, most by dmsFZqnoz13z[8]");
}

TEST(FillSources, ANormalButFullTableStillHasAWhy) {
    VerdictInputs in;
    in.level = Level::elevated;
    in.cap = CapFacts{29000, 29000, false, false};
    in.traffic = router();
    in.dominant_source = dominant_source_reason(fill_sources(*in.traffic, nullptr), in.traffic->total);
    auto v = decide_verdict(in);
    EXPECT_EQ(v.kind, VerdictKind::normal);
    ASSERT_EQ(v.reasons.size(), 1u);
    EXPECT_EQ(v.reasons[0], in.dominant_source);
    in.level = Level::ok;  // below the warning line a full explanation is not needed
    EXPECT_TRUE(decide_verdict(in).reasons.empty());
}

TEST(CheckOutcome, FailOnAsksOnlyAboutDanger) {
    CheckReport r;
    r.verdict.kind = VerdictKind::misconfigured;  // a stock host: nf_conntrack_max is the kernel default
    EXPECT_EQ(check_exit_code(r), 1);
    r.fail_on = Level::elevated;
    EXPECT_EQ(check_exit_code(r), 0);
    r.level = Level::elevated;
    EXPECT_EQ(check_exit_code(r), 1);
    r.fail_on = Level::critical;
    EXPECT_EQ(check_exit_code(r), 0);
    r.level = Level::critical;
    EXPECT_EQ(check_exit_code(r), 2);
    r.level = Level::ok;
    r.verdict.kind = VerdictKind::compromise;  // danger at any level
    EXPECT_EQ(check_exit_code(r), 2);
}

TEST(CheckOutcome, ATableNotLookedAtIsNotHealthy) {
    CheckReport r;
    r.have_table = false;
    r.table_unknown = true;
    EXPECT_EQ(check_exit_code(r), 69);
}

TEST(CheckOutcome, AFullContainerMakesTheHostsCheckCritical) {
    CheckReport r;
    NamespaceTable quiet, full;
    quiet.ns.name = "vps1";
    quiet.stats = TableStats{};
    full.ns = {"docker:0123456789ab", "docker", "0123456789ab", "/proc/9/ns/net", "pid:9", 0, 77, {9}};
    full.stats = TableStats{};
    full.stats->count = 31000;
    full.level = Level::critical;
    r.namespaces = {full, quiet};
    EXPECT_EQ(worst_level(r), Level::critical);
    r.level = worst_level(r);
    EXPECT_EQ(check_exit_code(r), 2);
    auto why = namespace_reasons(r.namespaces);
    ASSERT_EQ(why.size(), 1u);
    EXPECT_EQ(why[0], "namespace docker:0123456789ab (docker) holds 31,000 entries: critical");
}
