#include <gtest/gtest.h>

#include <map>
#include <string>

#include "analysis/space_saving.hpp"

using namespace ctguard;

TEST(SpaceSaving, ExactWhileTheKeysFit) {
    SpaceSaving<std::string> s(4);
    for (const char* k : {"a", "b", "a", "c", "a", "b"}) s.add(k);
    auto top = s.top(2);
    ASSERT_EQ(top.size(), 2u);
    EXPECT_EQ(top[0].key, "a");
    EXPECT_EQ(top[0].count, 3u);
    EXPECT_EQ(top[0].error, 0u);
    EXPECT_EQ(top[1].key, "b");
    EXPECT_EQ(top[1].count, 2u);
    EXPECT_EQ(s.total(), 6u);
    EXPECT_EQ(s.top(10).size(), 3u);
}

TEST(SpaceSaving, HeavyKeysSurviveAFloodOfDistinctOnesInBoundedMemory) {
    // Three heavy sources (40,000, 20,000 and 10,000 entries) among 130,000 spoofed one-off ones.
    SpaceSaving<uint32_t> s(32);
    std::map<uint32_t, uint64_t> truth;
    uint32_t spoofed = 1000;
    for (int i = 0; i < 200000; ++i) {
        const int r = i % 20;
        uint32_t key = r < 4 ? 1 : r < 6 ? 2 : r == 6 ? 3 : spoofed++;
        ++truth[key];
        s.add(key);
    }
    EXPECT_EQ(s.size(), 32u);  // never more counters than asked for
    auto top = s.top(3);
    ASSERT_EQ(top.size(), 3u);
    EXPECT_EQ(top[0].key, 1u);
    EXPECT_EQ(top[1].key, 2u);
    EXPECT_EQ(top[2].key, 3u);
    for (const auto& c : s.top(32)) {
        // Never under the truth, and over it by at most the recorded error.
        EXPECT_GE(c.count, truth[c.key]);
        EXPECT_LE(c.count - c.error, truth[c.key]);
        EXPECT_LE(c.error, s.total() / 32);
    }
    s.clear();
    EXPECT_EQ(s.size(), 0u);
    EXPECT_EQ(s.total(), 0u);
}
