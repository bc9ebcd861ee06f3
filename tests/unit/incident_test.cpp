#include <gtest/gtest.h>

#include <netinet/in.h>

#include "analysis/incident.hpp"
#include "analysis/top.hpp"
#include "daemon/snapshot_store.hpp"
#include "lib/json_text.hpp"
#include "report/incident_json.hpp"

using namespace ctguard;

namespace {

Evidence evidence_with_sources(double at, Level level, uint64_t count) {
    TopAggregator by_src({TopKey::src}, {});
    Flow f;
    f.family = AF_INET;
    f.proto = IPPROTO_TCP;
    f.orig.src = *parse_ip("198.18.0.7");
    for (uint64_t i = 0; i < count; ++i) by_src.on_flow(f);
    Evidence e;
    e.at = at;
    e.level = level;
    e.count = count;
    e.top.push_back(by_src.result(10));
    return e;
}

}  // namespace

TEST(Incident, OpensRecordsPeakAndClosesOnRecovery) {
    LevelChange up{100, Level::elevated, Level::ok, 120};
    Incident i = open_incident("vps1", up, evidence_with_sources(100, Level::elevated, 120));
    EXPECT_EQ(i.start, 100);
    EXPECT_EQ(i.peak, 120u);
    EXPECT_FALSE(record_count(i, 110, Level::elevated));
    EXPECT_TRUE(record_count(i, 180, Level::elevated));
    record_change(i, {105, Level::critical, Level::elevated, 320},
                  evidence_with_sources(105, Level::critical, 320));
    EXPECT_EQ(i.peak, 320u);
    EXPECT_EQ(i.peak_level, Level::critical);
    EXPECT_FALSE(i.end);
    record_change(i, {140, Level::ok, Level::critical, 10}, evidence_with_sources(140, Level::ok, 10));
    ASSERT_TRUE(i.end);
    EXPECT_EQ(*i.end, 140);
    EXPECT_EQ(i.end_reason, "recovered");
    EXPECT_EQ(i.levels.size(), 3u);
    EXPECT_EQ(i.evidence.size(), 3u);
    EXPECT_EQ(i.peak_level, Level::critical);  // the peak stays
}

TEST(Incident, EvidenceIsBoundedButKeepsTheStartAndTheLatest) {
    Incident i =
        open_incident("t", {0, Level::elevated, Level::ok, 1}, evidence_with_sources(0, Level::elevated, 1));
    for (int n = 1; n < 200; ++n) {
        Level l = n % 2 ? Level::capped : Level::elevated;
        record_change(i, {double(n), l, Level::elevated, 1}, evidence_with_sources(n, l, 1));
    }
    EXPECT_EQ(i.evidence.size(), kMaxEvidencePerIncident);
    EXPECT_EQ(i.evidence.front().at, 0);
    EXPECT_EQ(i.evidence.back().at, 199);
}

TEST(Incident, CloseKeepsTheFirstReason) {
    Incident i = open_incident("t", {0, Level::elevated, Level::ok, 1}, {});
    close_incident(i, 5, "vanished");
    close_incident(i, 9, "shutdown");
    EXPECT_EQ(*i.end, 5);
    EXPECT_EQ(i.end_reason, "vanished");
}

TEST(EventJson, DesignShapeWithForecast) {
    LevelEvent e;
    e.tenant = "vps101";
    e.change = {1714564803.25, Level::critical, Level::ok, 31000};
    e.max = 262144;
    e.growth_per_second = 512.3456;
    e.seconds_to_full = 450.1234;
    e.evidence = evidence_with_sources(e.change.at, Level::critical, 3);
    auto j = event_json(e);
    EXPECT_EQ(j["tenant"], "vps101");
    EXPECT_EQ(j["level"], "critical");  // the level, as status and /metrics name it
    EXPECT_EQ(j["previous"], "ok");
    EXPECT_EQ(j["count"], 31000);
    EXPECT_EQ(j["max"], 262144);
    EXPECT_EQ(j["at"], "2024-05-01T12:00:03.250Z");
    EXPECT_EQ(j["thresholds"]["suspend"], 30000);
    EXPECT_EQ(j["forecast"]["growth_per_second"], 512.346);
    EXPECT_EQ(j["forecast"]["seconds_to_full"], 450.123);
    EXPECT_TRUE(j["forecast"]["seconds_to_suspend"].is_null());
    EXPECT_EQ(j["top"]["src"]["rows"][0]["src"], "198.18.0.7");
    EXPECT_EQ(j["top"]["src"]["rows"][0]["count"], 3);
    EXPECT_FALSE(j.contains("evidence_error"));
}

// An intruder's command line can be megabytes (and not UTF-8): a hook still gets a small, whole event.
TEST(EventJson, LongCommandLinesAreCutAndMarked) {
    LevelEvent e;
    e.tenant = "host";
    e.evidence = evidence_with_sources(1714564803.0, Level::elevated, 1);
    ProcsReport procs;
    procs.processes.resize(2);
    procs.processes[0].info.pid = 10;
    procs.processes[0].info.cmdline = "x\xff" + std::string(100 * 1024, 'a');
    procs.processes[1].info.pid = 11;
    procs.processes[1].info.cmdline = "sshd: root";
    e.evidence.processes = procs;
    auto j = event_json(e);
    ASSERT_EQ(j["processes"].size(), 2u);
    EXPECT_EQ(j["processes"][0]["cmdline"].get<std::string>().size(), kEventCmdlineBytes);
    EXPECT_EQ(j["processes"][0]["cmdline_cut"], true);
    EXPECT_EQ(j["processes"][1]["cmdline"], "sshd: root");
    EXPECT_FALSE(j["processes"][1].contains("cmdline_cut"));
    EXPECT_LT(json_text(j).size(), 8 * 1024u);
}

TEST(SnapshotStore, ReadersKeepTheirCopy) {
    SnapshotStore store;
    EXPECT_EQ(store.latest(), nullptr);
    FleetSnapshot a;
    a.tenants.emplace_back();
    a.tenants.back().name = "a";
    store.publish(a);
    auto held = store.latest();
    FleetSnapshot b;
    b.ts = 2;
    store.publish(b);
    EXPECT_EQ(held->tenants.at(0).name, "a");  // still valid after the next publish
    EXPECT_EQ(store.latest()->ts, 2);
}

TEST(Incident, EvidenceKeepsSuspiciousThenBusiestProcesses) {
    ProcsReport r;
    auto add = [&](int pid, uint64_t flows, bool suspicious) {
        ProcessReport p;
        p.info.pid = pid;
        p.flows.flows = flows;
        p.suspicious = suspicious;
        r.processes.push_back(p);
    };
    add(1, 0, false);  // idle, unsuspected: dropped
    add(2, 50, false);
    add(3, 0, true);  // suspicious without flows: kept, first
    add(4, 900, false);
    add(5, 10, false);
    auto kept = evidence_processes(r, 3);
    std::vector<int> pids;
    for (const auto& p : kept.processes) pids.push_back(p.info.pid);
    EXPECT_EQ(pids, (std::vector<int>{3, 4, 2}));
}
