#include <gtest/gtest.h>

#include "analysis/tenant_monitor.hpp"

using namespace ctguard;

namespace {

const Thresholds kT{100, 200, 300};

TenantSpec host_spec(double recover_after = 0) {
    TenantSpec s;
    s.name = "host";
    s.kind = TenantKind::host;
    s.thresholds = kT;
    s.recover_after = recover_after;
    return s;
}

ActionSpec exec_on(std::vector<Level> on) {
    ActionSpec a;
    a.on = std::move(on);
    a.argv = {"/usr/local/sbin/notify"};
    return a;
}

ActionSpec cap_on(std::vector<Level> on, uint32_t per_source) {
    ActionSpec a;
    a.on = std::move(on);
    a.cap = per_source;
    return a;
}

ActionSpec shield_on(std::vector<Level> on) {
    ActionSpec a;
    a.on = std::move(on);
    a.shield = true;
    return a;
}

template <class T>
std::vector<T> of_kind(const Effects& effects) {
    std::vector<T> out;
    for (const auto& e : effects) {
        if (const T* x = std::get_if<T>(&e)) out.push_back(*x);
    }
    return out;
}

Evidence evidence_at(double at, std::string error = {}) {
    Evidence e;
    e.at = at;
    e.error = std::move(error);
    e.top.push_back(TopResult{});
    return e;
}

// A monitor, the configuration it decides with and the shared request counter.
struct Fixture {
    explicit Fixture(TenantSpec spec = host_spec()) : monitor(std::move(spec)) { config.top_interval = 60; }
    Effects count(uint64_t n, double t) {
        MonitorContext ctx{config, ids};
        return monitor.sample(Sample::counted(1000 + t, t, n, 0), ctx);
    }
    Effects evidence(uint64_t id, double t, std::string error = {}) {
        MonitorContext ctx{config, ids};
        return monitor.evidence(id, evidence_at(1000 + t, std::move(error)), t, ctx);
    }
    Effects refresh(double t) {
        MonitorContext ctx{config, ids};
        return monitor.refresh_top(t, ctx);
    }
    DaemonConfig config;
    uint64_t ids = 0;
    TenantMonitor monitor;
};

}  // namespace

TEST(TenantMonitor, AChangeAsksForEvidenceAndWaitsForItBeforeRecording) {
    Fixture f;
    f.config.actions = {exec_on({Level::elevated})};
    EXPECT_TRUE(f.count(50, 0).empty());
    auto fx = f.count(150, 1);
    ASSERT_EQ(fx.size(), 2u);
    auto line = std::get<LogLine>(fx[0]);
    EXPECT_EQ(line.level, LogLevel::info);
    EXPECT_EQ(line.message.rfind("tenant host: ok -> elevated: 150 entries (max 0), ", 0), 0u)
        << line.message;
    auto req = std::get<RequestEvidence>(fx[1]);
    EXPECT_EQ(req.id, 1u);
    EXPECT_TRUE(req.for_changes);
    EXPECT_TRUE(req.processes);          // the host's processes at a change
    EXPECT_FALSE(f.monitor.incident());  // nothing recorded, no hook run, until the evidence is there
    EXPECT_TRUE(f.monitor.waits_for(1));

    fx = f.evidence(1, 2);
    auto saved = of_kind<SaveIncident>(fx);
    ASSERT_EQ(saved.size(), 1u);
    EXPECT_EQ(saved[0].incident.start, 1001);
    ASSERT_EQ(saved[0].incident.evidence.size(), 1u);
    EXPECT_EQ(saved[0].incident.evidence[0].level, Level::elevated);
    EXPECT_EQ(saved[0].incident.evidence[0].count, 150u);
    auto hooks = of_kind<RunHooks>(fx);
    ASSERT_EQ(hooks.size(), 1u);
    EXPECT_EQ(hooks[0].event.change.previous, Level::ok);
    EXPECT_EQ(hooks[0].event.change.level, Level::elevated);
    EXPECT_EQ(hooks[0].event.evidence.at, 1002);
    EXPECT_EQ(f.monitor.state().top.size(), 1u);  // /metrics' top-N comes from it
    EXPECT_FALSE(f.monitor.waits_for(1));
}

// Commit 3f4da01: the count's peak while a first change waits for its evidence went nowhere.
TEST(TenantMonitor, ThePeakWhileTheFirstChangeWaitsIsTheIncidentsPeak) {
    Fixture f;
    f.count(150, 0);
    EXPECT_TRUE(f.count(190, 1).empty());  // no incident to save yet
    EXPECT_TRUE(f.count(170, 2).empty());
    auto saved = of_kind<SaveIncident>(f.evidence(1, 3));
    ASSERT_EQ(saved.size(), 1u);
    EXPECT_EQ(saved[0].incident.peak, 190u);
    EXPECT_EQ(saved[0].incident.peak_level, Level::elevated);
    ASSERT_EQ(saved[0].incident.levels.size(), 1u);
    EXPECT_EQ(saved[0].incident.levels[0].count, 150u);  // the change itself keeps its own count
    // From then on a higher count updates the open incident at once.
    saved = of_kind<SaveIncident>(f.count(195, 4));
    ASSERT_EQ(saved.size(), 1u);
    EXPECT_EQ(saved[0].incident.peak, 195u);
    EXPECT_TRUE(f.count(160, 5).empty());  // lower: nothing to save
}

TEST(TenantMonitor, ChangesWaitingShareTheNextDumpAndAreRecordedInOrder) {
    Fixture f;
    f.config.actions = {exec_on({Level::elevated, Level::capped, Level::critical})};
    f.count(150, 0);                                                 // ok -> warn: request 1
    EXPECT_TRUE(of_kind<RequestEvidence>(f.count(250, 1)).empty());  // warn -> cap: 1 is in flight
    EXPECT_TRUE(of_kind<RequestEvidence>(f.count(350, 2)).empty());  // cap -> suspend

    // Request 1 was taken for the first change only; the two others get the next one.
    auto fx = f.evidence(1, 3);
    auto hooks = of_kind<RunHooks>(fx);
    ASSERT_EQ(hooks.size(), 1u);
    EXPECT_EQ(hooks[0].event.change.level, Level::elevated);
    auto req = of_kind<RequestEvidence>(fx);
    ASSERT_EQ(req.size(), 1u);
    EXPECT_EQ(req[0].id, 2u);
    EXPECT_TRUE(req[0].for_changes);

    fx = f.evidence(2, 4);
    hooks = of_kind<RunHooks>(fx);
    ASSERT_EQ(hooks.size(), 2u);
    EXPECT_EQ(hooks[0].event.change.level, Level::capped);
    EXPECT_EQ(hooks[0].event.evidence.count, 250u);
    EXPECT_EQ(hooks[1].event.change.level, Level::critical);
    EXPECT_EQ(hooks[1].event.evidence.count, 350u);
    EXPECT_TRUE(of_kind<RequestEvidence>(fx).empty());
    ASSERT_TRUE(f.monitor.incident());
    const Incident& i = *f.monitor.incident();
    ASSERT_EQ(i.levels.size(), 3u);
    EXPECT_EQ(i.levels[1].level, Level::capped);
    EXPECT_EQ(i.levels[2].level, Level::critical);
    EXPECT_EQ(i.peak, 350u);
    EXPECT_EQ(i.evidence.size(), 3u);
}

TEST(TenantMonitor, CapsActAtTheChangeAndHooksOnceTheEvidenceIsThere) {
    Fixture f;
    f.config.actions = {cap_on({Level::elevated, Level::ok}, 50), exec_on({Level::elevated, Level::ok})};
    auto fx = f.count(150, 0);
    ASSERT_EQ(fx.size(), 3u);
    auto cap = std::get<RunCap>(fx[1]);  // after the log line, before the dump is asked for
    EXPECT_EQ(cap.per_source, 50u);
    EXPECT_FALSE(cap.remove);
    EXPECT_TRUE(std::holds_alternative<RequestEvidence>(fx[2]));
    auto hooks = of_kind<RunHooks>(f.evidence(1, 1));
    ASSERT_EQ(hooks.size(), 1u);
    ASSERT_EQ(hooks[0].actions.size(), 1u);
    EXPECT_EQ(hooks[0].actions[0].argv, std::vector<std::string>{"/usr/local/sbin/notify"});

    // Back to ok (recover_after 0): the cap is removed at once.
    auto caps = of_kind<RunCap>(f.count(10, 2));
    ASSERT_EQ(caps.size(), 1u);
    EXPECT_TRUE(caps[0].remove);
}

TEST(TenantMonitor, ActionsForOtherTenantsOrLevelsDoNotRun) {
    Fixture f;
    auto other = exec_on({Level::elevated});
    other.tenants = {"vps*"};
    f.config.actions = {other, exec_on({Level::critical}), cap_on({Level::critical}, 5)};
    auto caps = of_kind<RunCap>(f.count(150, 0));
    ASSERT_EQ(caps.size(), 1u);  // only what an earlier run may have left goes
    EXPECT_TRUE(caps[0].stale);
    EXPECT_TRUE(of_kind<RunHooks>(f.evidence(1, 1)).empty());
}

TEST(TenantMonitor, ACapStillAppliedIsRemovedWhenTheTenantIsNoLongerWatched) {
    Fixture f;
    f.config.actions = {cap_on({Level::elevated}, 50)};  // no "recover": it stays while watched
    ASSERT_EQ(of_kind<RunCap>(f.count(150, 0)).size(), 1u);
    EXPECT_TRUE(of_kind<RunCap>(f.count(10, 1)).empty());
    MonitorContext ctx{f.config, f.ids};
    auto caps = of_kind<RunCap>(f.monitor.end(1002, "shutdown", ctx));
    ASSERT_EQ(caps.size(), 1u);
    EXPECT_TRUE(caps[0].remove);
    EXPECT_FALSE(caps[0].stale);
    EXPECT_TRUE(of_kind<RunCap>(f.monitor.end(1003, "shutdown", ctx)).empty());  // once
}

TEST(TenantMonitor, NoCapNoRemovalAtTheEnd) {
    Fixture f;
    f.config.actions = {cap_on({Level::critical}, 50)};
    f.count(150, 0);
    MonitorContext ctx{f.config, f.ids};
    EXPECT_TRUE(of_kind<RunCap>(f.monitor.end(1001, "shutdown", ctx)).empty());
}

TEST(TenantMonitor, TheFirstReadingRemovesAStaleCapUnlessItsLevelCallsForOne) {
    Fixture calm;
    calm.config.actions = {cap_on({Level::critical, Level::ok}, 50)};
    auto caps = of_kind<RunCap>(calm.count(10, 0));
    ASSERT_EQ(caps.size(), 1u);
    EXPECT_TRUE(caps[0].remove);
    EXPECT_TRUE(caps[0].stale);
    EXPECT_TRUE(of_kind<RunCap>(calm.count(10, 1)).empty());  // the first reading only

    Fixture hot;
    hot.config.actions = {cap_on({Level::elevated}, 50)};
    caps = of_kind<RunCap>(hot.count(150, 0));
    ASSERT_EQ(caps.size(), 1u);
    EXPECT_FALSE(caps[0].remove);  // the cap it calls for replaces whatever was there

    Fixture uncapped;  // no cap action: nothing of ctguard's to look for, nftables may be absent
    uncapped.config.actions = {exec_on({Level::elevated})};
    EXPECT_TRUE(of_kind<RunCap>(uncapped.count(10, 0)).empty());
}

TEST(TenantMonitor, AShieldIsLoadedAtTheChangeRemovedAtRecoveryAndAtTheEnd) {
    Fixture f;
    f.config.actions = {shield_on({Level::elevated, Level::ok}), cap_on({Level::elevated}, 50)};
    auto fx = f.count(150, 0);
    auto shields = of_kind<RunShield>(fx);
    ASSERT_EQ(shields.size(), 1u);  // loaded: no stale removal before it, it replaces what was there
    EXPECT_FALSE(shields[0].remove);
    ASSERT_EQ(of_kind<RunCap>(fx).size(), 1u);  // both built-ins act at the change
    EXPECT_TRUE(std::holds_alternative<RequestEvidence>(fx.back()));

    shields = of_kind<RunShield>(f.count(10, 1));  // recover_after 0
    ASSERT_EQ(shields.size(), 1u);
    EXPECT_TRUE(shields[0].remove);
    EXPECT_FALSE(shields[0].stale);
    MonitorContext ctx{f.config, f.ids};
    auto caps_left = of_kind<RunCap>(f.monitor.end(1002, "shutdown", ctx));
    ASSERT_EQ(caps_left.size(), 1u);  // the cap's action has no "recover": it was still applied

    Fixture held;  // no "recover": it stays while the tenant is watched, and goes with the daemon
    held.config.actions = {shield_on({Level::critical})};
    auto first = of_kind<RunShield>(held.count(350, 0));
    ASSERT_EQ(first.size(), 1u);
    EXPECT_FALSE(first[0].remove);
    EXPECT_TRUE(of_kind<RunShield>(held.count(10, 1)).empty());
    MonitorContext held_ctx{held.config, held.ids};
    auto at_end = of_kind<RunShield>(held.monitor.end(1002, "shutdown", held_ctx));
    ASSERT_EQ(at_end.size(), 1u);
    EXPECT_TRUE(at_end[0].remove);
    EXPECT_TRUE(of_kind<RunShield>(held.monitor.end(1003, "shutdown", held_ctx)).empty());
}

TEST(TenantMonitor, TheFirstReadingRemovesAStaleShieldOnlyWhereAShieldActionApplies) {
    Fixture calm;
    calm.config.actions = {shield_on({Level::critical})};
    auto shields = of_kind<RunShield>(calm.count(10, 0));
    ASSERT_EQ(shields.size(), 1u);
    EXPECT_TRUE(shields[0].remove);
    EXPECT_TRUE(shields[0].stale);
    EXPECT_TRUE(of_kind<RunShield>(calm.count(10, 1)).empty());

    Fixture other;
    auto a = shield_on({Level::critical});
    a.tenants = {"vps*"};
    other.config.actions = {a, cap_on({Level::critical}, 5)};
    EXPECT_TRUE(of_kind<RunShield>(other.count(10, 0)).empty());
    MonitorContext ctx{other.config, other.ids};
    EXPECT_TRUE(of_kind<RunShield>(other.monitor.end(1001, "shutdown", ctx)).empty());
}

TEST(TenantMonitor, RecoveryEndsTheIncident) {
    Fixture f(host_spec(5));
    f.count(150, 0);
    f.evidence(1, 1);
    EXPECT_FALSE(f.monitor.state().top.empty());
    EXPECT_TRUE(f.count(10, 2).empty());  // calm, but not for 5 s yet
    auto fx = f.count(10, 7);
    EXPECT_EQ(f.monitor.state().level, Level::ok);
    EXPECT_TRUE(f.monitor.state().top.empty());  // a tenant at ok exports no top-N
    auto req = of_kind<RequestEvidence>(fx);
    ASSERT_EQ(req.size(), 1u);
    auto saved = of_kind<SaveIncident>(f.evidence(req[0].id, 8));
    ASSERT_EQ(saved.size(), 1u);
    ASSERT_TRUE(saved[0].incident.end);
    EXPECT_EQ(*saved[0].incident.end, 1007);
    EXPECT_EQ(saved[0].incident.end_reason, "recovered");
    EXPECT_FALSE(f.monitor.incident());
    EXPECT_TRUE(f.monitor.state().top.empty());  // the recovery's evidence is not exported either
}

TEST(TenantMonitor, TopIsRefreshedOnlyWhenNotOk) {
    Fixture f;
    f.count(50, 0);
    EXPECT_TRUE(f.refresh(100).empty());  // ok: no top-N, no dump
    f.count(150, 100);
    f.evidence(1, 101);  // the next refresh is due 60 s after this
    EXPECT_TRUE(f.refresh(150).empty());
    auto fx = f.refresh(161);
    ASSERT_EQ(fx.size(), 1u);
    auto req = std::get<RequestEvidence>(fx[0]);
    EXPECT_FALSE(req.for_changes);
    EXPECT_FALSE(req.processes);
    EXPECT_TRUE(f.refresh(300).empty());  // one dump in flight at most
    fx = f.evidence(req.id, 302);
    EXPECT_TRUE(fx.empty());  // a refresh records nothing and runs no hook
    EXPECT_EQ(f.monitor.state().top.size(), 1u);
    EXPECT_TRUE(f.refresh(361).empty());
    req = std::get<RequestEvidence>(f.refresh(362).at(0));
    f.evidence(req.id, 363);

    MonitorContext ctx{f.config, f.ids};
    f.monitor.sample(Sample::failed("gone"), ctx);
    EXPECT_TRUE(f.refresh(1000).empty());  // down: nothing to refresh
    f.config.top_interval = 0;
    f.count(150, 1001);
    EXPECT_TRUE(f.refresh(2000).empty());  // refreshes are off
}

TEST(TenantMonitor, ARefusedRequestRecordsTheChangesWithoutEvidence) {
    Fixture f;
    f.config.actions = {exec_on({Level::elevated})};
    f.count(150, 0);
    MonitorContext ctx{f.config, f.ids};
    auto fx = f.monitor.evidence_refused("evidence: not taken: 256 dumps already wait their turn", 1001, ctx);
    auto lines = of_kind<LogLine>(fx);
    ASSERT_EQ(lines.size(), 1u);
    EXPECT_EQ(lines[0].level, LogLevel::warning);
    EXPECT_EQ(lines[0].message,
              "tenant host: evidence incomplete: evidence: not taken: 256 dumps already wait their turn");
    auto hooks = of_kind<RunHooks>(fx);
    ASSERT_EQ(hooks.size(), 1u);
    EXPECT_EQ(hooks[0].event.evidence.at, 1001);
    ASSERT_TRUE(f.monitor.incident());
    EXPECT_FALSE(f.monitor.waits_for(1));
    // The next change asks again.
    EXPECT_EQ(of_kind<RequestEvidence>(f.count(250, 2)).size(), 1u);
}

TEST(TenantMonitor, EndingRecordsWaitingChangesAndDropsTheDumpUnderWay) {
    Fixture f;
    f.config.actions = {exec_on({Level::elevated, Level::capped})};
    f.count(150, 0);
    f.evidence(1, 1);
    f.count(250, 2);  // warn -> cap: request 2 in flight
    MonitorContext ctx{f.config, f.ids};
    auto fx = f.monitor.end(1003, "removed", ctx);
    auto hooks = of_kind<RunHooks>(fx);
    ASSERT_EQ(hooks.size(), 1u);
    EXPECT_EQ(hooks[0].event.change.level, Level::capped);
    EXPECT_EQ(hooks[0].event.evidence.error, "evidence: not taken: the incident ended (removed)");
    auto saved = of_kind<SaveIncident>(fx);
    ASSERT_FALSE(saved.empty());
    const Incident& last = saved.back().incident;
    ASSERT_TRUE(last.end);
    EXPECT_EQ(last.end_reason, "removed");
    EXPECT_EQ(last.levels.size(), 2u);
    EXPECT_FALSE(f.monitor.incident());
    EXPECT_FALSE(f.monitor.waits_for(2));
    EXPECT_TRUE(f.evidence(2, 4).empty());  // late: nobody waits for it
}

TEST(TenantMonitor, RestartForgetsTheLevel) {
    Fixture f;
    f.count(150, 0);
    f.evidence(1, 1);
    MonitorContext ctx{f.config, f.ids};
    auto saved = of_kind<SaveIncident>(f.monitor.restart(1002, "vanished", ctx));
    ASSERT_EQ(saved.size(), 1u);
    EXPECT_EQ(saved[0].incident.end_reason, "vanished");
    EXPECT_TRUE(f.monitor.state().top.empty());
    // The new namespace starts at ok: the same count is a change again, and a new incident.
    auto fx = f.count(150, 3);
    EXPECT_EQ(of_kind<RequestEvidence>(fx).size(), 1u);
}

TEST(TenantMonitor, ReadFailuresAreLoggedOnceAndQuietOnesNot) {
    Fixture f;
    MonitorContext ctx{f.config, f.ids};
    EXPECT_TRUE(f.monitor.sample(Sample::failed("early", true), ctx).empty());
    EXPECT_FALSE(f.monitor.state().up);
    EXPECT_EQ(f.monitor.state().error, "early");
    auto fx = f.monitor.sample(Sample::failed("conntrack: nf_conntrack is not loaded"), ctx);
    ASSERT_EQ(fx.size(), 1u);
    EXPECT_EQ(std::get<LogLine>(fx[0]).level, LogLevel::warning);
    EXPECT_EQ(std::get<LogLine>(fx[0]).message, "tenant host: conntrack: nf_conntrack is not loaded");
    EXPECT_TRUE(f.monitor.sample(Sample::failed("conntrack: nf_conntrack is not loaded"), ctx).empty());
    fx = f.count(10, 1);
    ASSERT_EQ(fx.size(), 1u);
    EXPECT_EQ(std::get<LogLine>(fx[0]).message, "tenant host: readable again");
    EXPECT_TRUE(f.monitor.state().up);

    // A table opened anew after a failure says so itself: no "readable again" then.
    f.monitor.sample(Sample::failed("cannot watch"), ctx);
    f.monitor.table_opened();
    EXPECT_TRUE(f.count(10, 2).empty());
}

TEST(TenantMonitor, RequestIdsAreUniqueAcrossTenants) {
    DaemonConfig config;
    uint64_t ids = 0;
    MonitorContext ctx{config, ids};
    TenantMonitor first(host_spec());
    first.sample(Sample::counted(0, 0, 150, 0), ctx);
    TenantMonitor again(host_spec());  // the same name, after the first went away
    again.sample(Sample::counted(0, 0, 150, 0), ctx);
    EXPECT_TRUE(first.waits_for(1));
    EXPECT_FALSE(again.waits_for(1));  // a late result for the first never reaches the second
    EXPECT_TRUE(again.waits_for(2));
}

TEST(TenantMonitor, ANamespaceTenantsEvidenceHasNoProcesses) {
    TenantSpec s = host_spec();
    s.name = "vps1";
    s.kind = TenantKind::netns;
    s.netns = "vps1";
    Fixture f(s);
    auto req = of_kind<RequestEvidence>(f.count(150, 0));
    ASSERT_EQ(req.size(), 1u);
    EXPECT_FALSE(req[0].processes);
}

TEST(TenantMonitor, RetuneAppliesFromTheNextSample) {
    Fixture f;
    f.monitor.retune(Thresholds{1000, 2000, 3000}, 0);
    EXPECT_TRUE(f.count(150, 0).empty());  // below the new warn
    EXPECT_EQ(f.monitor.state().thresholds.warn, 1000u);
}
