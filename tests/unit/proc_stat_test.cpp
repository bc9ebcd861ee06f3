#include <gtest/gtest.h>

#include "host/proc_stat.hpp"
#include "recorded.hpp"

using namespace ctguard;

TEST(ProcStat, SumsRecordedCpus) {
    auto s = parse_proc_stat(ctguard::testing::read_data("proc_stat_nf_conntrack.txt"));
    ASSERT_TRUE(s);
    EXPECT_EQ(s->cpus, 2u);
    EXPECT_EQ(s->insert, 9u);  // 9 entries inserted, all on the first CPU
    EXPECT_EQ(s->drop, 0u);
}

TEST(ProcStat, ReadsHexColumnsByName) {
    auto s = parse_proc_stat(
        "entries  clashres found new invalid ignore delete chainlength insert insert_failed drop early_drop "
        "icmp_error  expect_new expect_create expect_delete search_restart\n"
        "00000010  00000001 0000000a 00000000 00000002 00000000 00000000 00000000 00000003 00000004 000000ff "
        "00000005 00000006  00000000 00000000 00000000 00000007\n");
    ASSERT_TRUE(s);
    EXPECT_EQ(s->found, 10u);
    EXPECT_EQ(s->invalid, 2u);
    EXPECT_EQ(s->insert_failed, 4u);
    EXPECT_EQ(s->drop, 255u);
    EXPECT_EQ(s->early_drop, 5u);
    EXPECT_EQ(s->error, 6u);
    EXPECT_EQ(s->search_restart, 7u);
    EXPECT_EQ(s->clash_resolve, 1u);
}

TEST(ProcStat, RefusesDamage) {
    EXPECT_FALSE(parse_proc_stat(""));
    EXPECT_FALSE(parse_proc_stat("garbage\n"));
    EXPECT_FALSE(parse_proc_stat("entries found\n00000001\n"));           // short row
    EXPECT_FALSE(parse_proc_stat("entries found\n00000001 0000zz01\n"));  // not hex
}
