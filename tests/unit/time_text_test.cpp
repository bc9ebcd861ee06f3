#include <gtest/gtest.h>

#include "lib/time_text.hpp"

using namespace ctguard;

TEST(TimeText, Durations) {
    EXPECT_EQ(parse_duration("90d"), 90 * 86400.0);
    EXPECT_EQ(parse_duration("12h"), 43200.0);
    EXPECT_EQ(parse_duration("30m"), 1800.0);
    EXPECT_EQ(parse_duration("250ms"), 0.25);
    EXPECT_EQ(parse_duration("1.5"), 1.5);
    EXPECT_EQ(parse_duration("0"), 0.0);
    EXPECT_FALSE(parse_duration("-5s"));
    EXPECT_FALSE(parse_duration("5x"));
    EXPECT_FALSE(parse_duration("s"));
    EXPECT_FALSE(parse_duration(""));
}

TEST(TimeText, Rfc3339RoundTrip) {
    EXPECT_EQ(format_rfc3339(0), "1970-01-01T00:00:00.000Z");
    EXPECT_EQ(format_rfc3339(1714564803.25), "2024-05-01T12:00:03.250Z");
    EXPECT_EQ(parse_rfc3339("2024-05-01T12:00:03.250Z"), 1714564803.25);
    EXPECT_EQ(parse_rfc3339("2024-05-01"), 1714521600.0);
    EXPECT_EQ(parse_rfc3339("2024-05-01 12:00"), 1714564800.0);
    EXPECT_EQ(parse_rfc3339("2024-05-01T14:00:03+02:00"), 1714564803.0);
    EXPECT_FALSE(parse_rfc3339("2024-13-01"));
    EXPECT_FALSE(parse_rfc3339("2024-05-01T12"));
    EXPECT_FALSE(parse_rfc3339("2024-05-01T12:00:03.Z"));
    EXPECT_FALSE(parse_rfc3339("yesterday"));
}
