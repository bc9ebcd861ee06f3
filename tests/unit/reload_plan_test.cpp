#include <gtest/gtest.h>

#include "analysis/reload_plan.hpp"

using namespace ctguard;

namespace {

TenantSpec netns(const std::string& name, const std::string& ns, uint64_t warn = 100) {
    TenantSpec s;
    s.name = name;
    s.kind = TenantKind::netns;
    s.netns = ns;
    s.thresholds = Thresholds{warn, 200, 300};
    return s;
}

TenantSpec glob(const std::string& pattern, uint64_t warn = 100) {
    TenantSpec s = netns(pattern, pattern, warn);
    s.kind = TenantKind::netns_glob;
    return s;
}

// What a glob found: the glob's spec, named and pointed at its namespace.
RunningTenant member(const std::string& name, const TenantSpec& g) {
    TenantSpec s = g;
    s.kind = TenantKind::netns;
    s.name = name;
    s.netns = name;
    return RunningTenant{name, g.netns, s};
}

DaemonConfig config_of(std::vector<TenantSpec> tenants) {
    DaemonConfig c;
    c.tenants = std::move(tenants);
    return c;
}

}  // namespace

TEST(ReloadPlan, NothingChanged) {
    auto c = config_of({netns("a", "a"), glob("vps*")});
    auto plan = plan_reload({{"a", "", netns("a", "a")}, member("vps1", glob("vps*"))}, c, c);
    EXPECT_TRUE(plan.removed.empty());
    EXPECT_TRUE(plan.retuned.empty());
    EXPECT_FALSE(plan.reopen_history);
    EXPECT_FALSE(plan.listen_changed);
}

TEST(ReloadPlan, AGlobMemberNowListedByNameBelongsToTheListedTenant) {
    auto before = config_of({glob("vps*")});
    auto after = config_of({glob("vps*"), netns("vps1", "vps1", 50)});
    auto plan = plan_reload({member("vps1", glob("vps*")), member("vps2", glob("vps*"))}, before, after);
    // vps1 goes (its incident ends) and comes back as the listed tenant at the next interval.
    EXPECT_EQ(plan.removed, std::vector<std::string>{"vps1"});
    EXPECT_TRUE(plan.retuned.empty());
}

TEST(ReloadPlan, ListedTenantsStayWhileTheyReadTheSameEntries) {
    auto before = config_of({netns("a", "a"), netns("b", "b"), netns("c", "c")});
    // b now points at another namespace; c is gone; a only gets a new warn threshold.
    auto after = config_of({netns("a", "a", 150), netns("b", "other")});
    auto plan = plan_reload(
        {{"a", "", netns("a", "a")}, {"b", "", netns("b", "b")}, {"c", "", netns("c", "c")}}, before, after);
    EXPECT_EQ(plan.removed, (std::vector<std::string>{"b", "c"}));
    ASSERT_EQ(plan.retuned.size(), 1u);
    EXPECT_EQ(plan.retuned[0].name, "a");
    EXPECT_EQ(plan.retuned[0].thresholds.warn, 150u);
}

TEST(ReloadPlan, GlobMembersFollowTheirGlob) {
    auto before = config_of({glob("vps*"), glob("ct*")});
    auto after = config_of({glob("vps*", 70)});
    after.tenants[0].recover_after = 5;
    auto plan = plan_reload({member("vps1", glob("vps*")), member("ct1", glob("ct*"))}, before, after);
    EXPECT_EQ(plan.removed, std::vector<std::string>{"ct1"});
    ASSERT_EQ(plan.retuned.size(), 1u);
    EXPECT_EQ(plan.retuned[0].name, "vps1");
    EXPECT_EQ(plan.retuned[0].thresholds.warn, 70u);
    EXPECT_EQ(plan.retuned[0].recover_after, 5);
}

TEST(ReloadPlan, AListedTenantIsNotKeptByAGlobThatMatchesItsName) {
    auto before = config_of({netns("vps1", "vps1")});
    auto after = config_of({glob("vps*")});
    auto plan = plan_reload({{"vps1", "", netns("vps1", "vps1")}}, before, after);
    EXPECT_EQ(plan.removed, std::vector<std::string>{"vps1"});  // the glob finds it anew
}

TEST(ReloadPlan, HistoryAndListen) {
    DaemonConfig before;
    DaemonConfig after = before;
    after.retention = 86400;
    EXPECT_TRUE(plan_reload({}, before, after).reopen_history);
    after = before;
    after.db = "";
    EXPECT_TRUE(plan_reload({}, before, after).reopen_history);
    after = before;
    after.listen = "127.0.0.1:9470";
    auto plan = plan_reload({}, before, after);
    EXPECT_TRUE(plan.listen_changed);
    EXPECT_FALSE(plan.reopen_history);
}
