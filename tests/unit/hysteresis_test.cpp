#include <gtest/gtest.h>

#include "analysis/hysteresis.hpp"

using namespace ctguard;

namespace {
const Thresholds kT{100, 200, 300};
}  // namespace

TEST(TenantLevel, ThresholdsAndTheKernelMax) {
    EXPECT_EQ(tenant_level(99, 0, kT), Level::ok);
    EXPECT_EQ(tenant_level(100, 0, kT), Level::elevated);
    EXPECT_EQ(tenant_level(200, 0, kT), Level::capped);
    EXPECT_EQ(tenant_level(300, 0, kT), Level::critical);
    // Pinned within 3% of nf_conntrack_max: capped even below the cap threshold.
    EXPECT_EQ(tenant_level(150, 150, kT), Level::capped);
    EXPECT_EQ(level_threshold(Level::capped, 150, kT), 146u);
    EXPECT_EQ(level_threshold(Level::capped, 0, kT), 200u);
    EXPECT_EQ(level_threshold(Level::critical, 0, kT), 300u);
}

TEST(LevelTracker, RisesAtOnce) {
    LevelTracker t;
    EXPECT_EQ(t.update(50, 0, kT, 5, 0), Level::ok);
    EXPECT_EQ(t.update(350, 0, kT, 5, 1), Level::critical);  // skips the levels between
}

TEST(LevelTracker, RecoversOnlyAfterStayingBelowNinetyPercentFor) {
    LevelTracker t;
    t.update(150, 0, kT, 5, 0);  // elevated (warn 100)
    // 95 is below the threshold but above 90% of it: no recovery however long it stays.
    for (double now = 1; now < 20; now += 1) EXPECT_EQ(t.update(95, 0, kT, 5, now), Level::elevated);
    // 89 is calm; recovery comes `for` (5 s) later, not before.
    EXPECT_EQ(t.update(89, 0, kT, 5, 20), Level::elevated);
    EXPECT_EQ(t.update(80, 0, kT, 5, 24.9), Level::elevated);
    EXPECT_EQ(t.update(80, 0, kT, 5, 25), Level::ok);
}

TEST(LevelTracker, CalmIsResetByAnySpike) {
    LevelTracker t;
    t.update(150, 0, kT, 5, 0);
    t.update(10, 0, kT, 5, 1);
    t.update(95, 0, kT, 5, 4);  // back within 10% of warn: the calm period starts over
    EXPECT_EQ(t.update(10, 0, kT, 5, 6), Level::elevated);
    EXPECT_EQ(t.update(10, 0, kT, 5, 10.9), Level::elevated);
    EXPECT_EQ(t.update(10, 0, kT, 5, 11), Level::ok);
}

TEST(LevelTracker, StepsDownToWhereTheCountIs) {
    LevelTracker t;
    t.update(310, 0, kT, 0, 0);
    EXPECT_EQ(t.level(), Level::critical);
    EXPECT_EQ(t.update(280, 0, kT, 0, 1), Level::critical);  // 280 >= 270 (90% of 300)
    EXPECT_EQ(t.update(150, 0, kT, 0, 2), Level::elevated);  // calm and `for` = 0: straight to its level
    EXPECT_EQ(t.update(150, 0, kT, 0, 3), Level::elevated);
}
