#include <gtest/gtest.h>

#include <cmath>

#include "analysis/growth.hpp"

using namespace ctguard;

TEST(Growth, FirstDifferenceThenSmoothed) {
    GrowthTracker g(10);
    EXPECT_EQ(g.update(1000, 0), 0);  // one sample: no rate yet
    EXPECT_DOUBLE_EQ(g.update(1500, 1), 500);
    // A single quiet interval pulls the rate down by 1 - e^(-1/10), about 9.5%, not to zero.
    double r = g.update(1500, 2);
    EXPECT_NEAR(r, 500 * std::exp(-0.1), 1e-9);
}

TEST(Growth, SteadyGrowthConverges) {
    GrowthTracker g(5);
    for (int i = 0; i <= 100; ++i) g.update(static_cast<uint64_t>(200 * i), i * 0.5);
    EXPECT_NEAR(g.per_second(), 400, 1e-6);
}

TEST(Growth, SecondsUntil) {
    EXPECT_DOUBLE_EQ(*seconds_until(20000, 30000, 100), 100);
    EXPECT_EQ(*seconds_until(30000, 30000, 0), 0);  // already there, growing or not
    EXPECT_FALSE(seconds_until(20000, 30000, 0));
    EXPECT_FALSE(seconds_until(20000, 30000, -50));
    EXPECT_FALSE(seconds_until(20000, 30000, 0.001));  // below one per minute: no forecast
    EXPECT_FALSE(seconds_until(5, 0, 100));            // unknown max
}
