#include <gtest/gtest.h>

#include "analysis/level.hpp"

using namespace ctguard;

TEST(Level, ProviderLines) {
    Thresholds t;  // 10,000 / 29,000 / 30,000
    EXPECT_EQ(classify(0, 262144, t), Level::ok);
    EXPECT_EQ(classify(9999, 262144, t), Level::ok);
    EXPECT_EQ(classify(10000, 262144, t), Level::elevated);
    EXPECT_EQ(classify(29999, 262144, t), Level::elevated);
    EXPECT_EQ(classify(30000, 262144, t), Level::critical);
}

TEST(Level, PinnedAtTheCap) {
    Thresholds t;
    EXPECT_EQ(classify(28130, 29000, t), Level::capped);    // 97% of max
    EXPECT_EQ(classify(28129, 29000, t), Level::elevated);  // just below
    EXPECT_EQ(classify(97, 100, t), Level::capped);         // tiny tables too
    EXPECT_EQ(classify(5, 0, t), Level::ok);                // unknown max: never capped
    // Above the suspension line critical wins even when pinned.
    EXPECT_EQ(classify(262144, 262144, t), Level::critical);
}

TEST(Level, CustomThresholds) {
    Thresholds t{100, 150, 200};
    EXPECT_EQ(classify(99, 1000, t), Level::ok);
    EXPECT_EQ(classify(100, 1000, t), Level::elevated);
    EXPECT_EQ(classify(200, 1000, t), Level::critical);
}
