#include <fmt/format.h>
#include <gtest/gtest.h>

#include <fstream>

#include "analysis/drops.hpp"
#include "host/kernel_log.hpp"
#include "temp_tree.hpp"

using namespace ctguard;

TEST(Drops, CountersThatMovedInPlainWords) {
    CpuStats before, after;
    before.early_drop = 100;
    after.early_drop = 5100;
    after.insert_failed = 3;
    after.chain_toolong = 7;
    before.drop = 9;  // a CPU went offline: the sum went down, nothing dropped
    after.drop = 4;
    auto causes = explain_drops(before, after);
    ASSERT_EQ(causes.size(), 3u);
    EXPECT_EQ(causes[0].counter, "early_drop");
    EXPECT_EQ(causes[0].count, 5000u);
    EXPECT_NE(causes[0].meaning.find("SYN flood"), std::string::npos);
    EXPECT_EQ(causes[1].counter, "insert_failed");
    EXPECT_NE(causes[1].meaning.find("DNS"), std::string::npos);
    EXPECT_EQ(causes[2].counter, "chaintoolong");
    EXPECT_NE(causes[2].meaning.find("nf_conntrack_buckets"), std::string::npos);
    EXPECT_TRUE(explain_drops(after, after).empty());
    after.drop = 20;
    EXPECT_NE(explain_drops(before, after)[0].meaning.find("established flows"), std::string::npos);
}

// Lines as /dev/kmsg gives them (recorded on 6.18 and Debian 12's 6.1), with the continuation
// lines of a record's dictionary and lines that are not records.
TEST(Drops, LaterLogEventsAddToEarlierOnes) {
    std::vector<KernelLogEvent> since_boot = {{"table_full", 3, 100, 200}};
    add_log_events(since_boot, {{"vmalloc", 1, 300, 300}, {"table_full", 2, 250, 260}});
    ASSERT_EQ(since_boot.size(), 2u);
    EXPECT_EQ(since_boot[0].count, 5u);
    EXPECT_DOUBLE_EQ(since_boot[0].first, 100);
    EXPECT_DOUBLE_EQ(since_boot[0].last, 260);
    EXPECT_EQ(since_boot[1].kind, "vmalloc");
    std::vector<KernelLogEvent> none;
    add_log_events(none, {});
    EXPECT_TRUE(none.empty());
}

TEST(Drops, KernelLogRecords) {
    const std::vector<std::string> lines = {
        "6,1,0,-;Linux version 6.18.44",
        "4,2001,3600500000,-;nf_conntrack: nf_conntrack: table full, dropping packet",
        " SUBSYSTEM=net",
        "4,2002,3600600000,-;nf_conntrack: nf_conntrack: table full, dropping packet",
        "4,2003,3601000000,-;net_ratelimit: 412 callbacks suppressed",
        "4,2004,3700000000,c;nf_conntrack: nf_conntrack: table full, dropping packet",
        "6,2010,12000000,-;nf_conntrack: falling back to vmalloc.",
        "garbage without a semicolon",
        "x,1,2,-;nf_conntrack: nf_conntrack: table full, dropping packet",
        "4,1,2;too few fields table full, dropping packet",
        "",
    };
    auto r = parse_kmsg_record(lines[1]);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->seq, 2001u);
    EXPECT_EQ(r->usec, 3600500000u);
    EXPECT_EQ(r->message, "nf_conntrack: nf_conntrack: table full, dropping packet");
    EXPECT_FALSE(parse_kmsg_record(lines[2]));
    for (const char* bad : {"4,1,2;x", "4,,2,-;x", "4,1,,-;x", ",1,2,-;x", "4,1,2x,-;x", ";x"})
        EXPECT_FALSE(parse_kmsg_record(bad)) << bad;
    auto extra = parse_kmsg_record("4,7,9,-,caller=T1;m");  // fields after the flags are allowed
    ASSERT_TRUE(extra);
    EXPECT_EQ(extra->usec, 9u);
    EXPECT_EQ(extra->message, "m");
    auto events = conntrack_log_events(lines);
    ASSERT_EQ(events.size(), 2u);
    EXPECT_EQ(events[0].kind, "table_full");
    EXPECT_EQ(events[0].count, 3u);
    EXPECT_DOUBLE_EQ(events[0].first, 3600.5);
    EXPECT_DOUBLE_EQ(events[0].last, 3700.0);
    EXPECT_EQ(events[1].kind, "vmalloc");
    EXPECT_EQ(events[1].count, 1u);

    DropReport d;
    d.log_read = true;
    d.log = events;
    d.uptime = 3760;
    auto s = drop_sentences(d);
    ASSERT_EQ(s.size(), 3u);
    EXPECT_EQ(s[0], "no drop counter moved since boot");
    EXPECT_NE(s[1].find("3 times, first 3 min ago, last 60 s ago"), std::string::npos);
    EXPECT_NE(s[2].find("once, 62 min ago"), std::string::npos);
}

TEST(Drops, GuestDetection) {
    EXPECT_EQ(detect_guest({"QEMU", "Standard PC (Q35 + ICH9, 2009)", "", false, ""}), "KVM/QEMU");
    EXPECT_EQ(detect_guest({"VMware, Inc.", "VMware Virtual Platform", "", true, ""}), "VMware");
    EXPECT_EQ(detect_guest({"Microsoft Corporation", "Virtual Machine", "", true, ""}), "Hyper-V");
    EXPECT_EQ(detect_guest({"Xen", "HVM domU", "", true, ""}), "Xen");
    EXPECT_EQ(detect_guest({"", "", "", false, "xen"}), "xen");
    EXPECT_EQ(detect_guest({"Dell Inc.", "PowerEdge R640", "", true, ""}), "an unnamed hypervisor");
    EXPECT_EQ(detect_guest({"Dell Inc.", "PowerEdge R640", "Dell Inc.", false, ""}), std::nullopt);
    // A hostile DMI string is not printed as it is.
    EXPECT_EQ(detect_guest({"", "", "", false, "x\x1b[2Jy"}), "x\\x1b[2Jy");
    DropReport d;
    d.guest = "KVM";
    const auto s = guest_sentence(d);
    EXPECT_NE(s.find("limits what this guest sends out"), std::string::npos);
    EXPECT_NE(s.find("an inbound flood needs the provider's help"), std::string::npos);
    d.guest.reset();
    EXPECT_EQ(guest_sentence(d), "");
}

// The daemon reads only what the log gains after it starts (a saved log stands in for /dev/kmsg).
TEST(Drops, FollowerReadsOnlyNewRecords) {
    TempTree tree;
    tree.write("/dev/kmsg", "4,1,1000000,-;nf_conntrack: nf_conntrack: table full, dropping packet\n");
    auto follower = KernelLogFollower::open(tree.root());
    ASSERT_TRUE(follower);
    auto none = follower->read_new();
    ASSERT_TRUE(none);
    EXPECT_TRUE(none->empty());
    std::ofstream(tree.dir() + "/dev/kmsg", std::ios::app)
        << "4,2,2000000,-;nf_conntrack: nf_conntrack: table full, dropping packet\n"
        << "6,3,2500000,-;eth0: link up\n"
        << "4,4,3000000,-;nf_conntrack: nf_conntrack: table full, dropping packet\n";
    auto two = follower->read_new(kConntrackLogMark);
    ASSERT_TRUE(two);
    EXPECT_EQ(two->size(), 2u);  // the other record is not kept
    auto events = conntrack_log_events(*two);
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].count, 2u);
    EXPECT_TRUE(follower->read_new()->empty());
}

// A saved log read in 8 KiB pieces: lines cut between reads are joined, only matching lines are kept,
// the newest within the bound, and a line longer than the bound is skipped whole.
TEST(Drops, KernelLogKeepsTheNewestMatchingLinesWithinTheBound) {
    TempTree tree;
    std::string log;
    for (int i = 0; i < 3000; ++i) {
        log += fmt::format("6,{},{},-;eth0: {} {}\n", 2 * i, i, std::string(i % 50, 'x'), i);
        log += fmt::format("4,{},{},-;nf_conntrack: table full, dropping packet {}\n", 2 * i + 1, i, i);
    }
    log += "4,9999,1,-;nf_conntrack: " + std::string(20000, 'y') + "\n";
    tree.write("/dev/kmsg", log);
    auto all = read_kernel_log(tree.root(), kConntrackLogMark);
    ASSERT_TRUE(all);
    ASSERT_EQ(all->size(), 3001u);
    EXPECT_EQ(all->front(), "4,1,0,-;nf_conntrack: table full, dropping packet 0");
    EXPECT_EQ((*all)[2999], "4,5999,2999,-;nf_conntrack: table full, dropping packet 2999");
    auto newest = read_kernel_log(tree.root(), kConntrackLogMark, 1000);
    ASSERT_TRUE(newest);
    ASSERT_FALSE(newest->empty());
    EXPECT_EQ(newest->back(), (*all)[2999]);  // the 20,000-byte line is over the bound
    EXPECT_EQ(newest->front(), (*all)[3000 - newest->size()]);
    size_t bytes = 0;
    for (const auto& l : *newest) bytes += l.size();
    EXPECT_LE(bytes, 1000u);
    EXPECT_GT(bytes + (*all)[2999 - newest->size()].size(), 1000u);  // one older would not fit
}

// Only a table that dropped packets can have a "table full" line of its own in the log.
TEST(Drops, LogIsReadOnlyForATableThatDropped) {
    CpuStats s;
    EXPECT_FALSE(log_can_explain(s));
    s.early_drop = 5;  // evicting makes room: no packet dropped, no line
    EXPECT_FALSE(log_can_explain(s));
    s.drop = 1;
    EXPECT_TRUE(log_can_explain(s));
}
