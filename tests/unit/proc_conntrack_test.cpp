// The /proc/net/nf_conntrack parser: on lines recorded from the kernel (checked against the netlink
// decoder, which read the same table at the same moment) and on odd and damaged lines.
#include <gtest/gtest.h>
#include <netinet/in.h>

#include <algorithm>

#include "lib/text.hpp"
#include "netfilter/proc_conntrack.hpp"
#include "recorded.hpp"

using namespace ctguard;
using namespace ctguard::testing;

namespace {

bool same_flow(const Flow& a, const Flow& b) {
    auto same_tuple = [](const Tuple& x, const Tuple& y) {
        return x.src == y.src && x.dst == y.dst && x.sport == y.sport && x.dport == y.dport &&
               x.icmp_type == y.icmp_type && x.icmp_code == y.icmp_code && x.icmp_id == y.icmp_id;
    };
    return a.family == b.family && a.proto == b.proto && same_tuple(a.orig, b.orig) &&
           same_tuple(a.reply, b.reply) && a.state == b.state && a.mark == b.mark && a.zone == b.zone &&
           a.unreplied() == b.unreplied() && a.assured() == b.assured() && a.has_counters == b.has_counters;
}

}  // namespace

TEST(ProcConntrack, AgreesWithNetlinkOnTheSameTable) {
    auto netlink = recorded_flows();
    std::string text = read_data("proc_nf_conntrack.txt");
    size_t lines = 0;
    for (auto line : split(text, '\n')) {
        if (line.empty()) continue;
        ++lines;
        Flow f;
        ASSERT_TRUE(parse_proc_conntrack_line(line, f)) << line;
        bool found =
            std::any_of(netlink.begin(), netlink.end(), [&](const Flow& n) { return same_flow(n, f); });
        EXPECT_TRUE(found) << "no netlink twin for: " << line;
    }
    EXPECT_EQ(lines, netlink.size());
}

TEST(ProcConntrack, OptionalFieldsAndFlags) {
    Flow f;
    ASSERT_TRUE(parse_proc_conntrack_line(
        "ipv4     2 tcp      6 86399 ESTABLISHED src=198.18.0.1 dst=198.18.0.2 sport=40000 dport=80 "
        "src=198.18.0.2 dst=198.18.0.1 sport=80 dport=40000 [OFFLOAD] [ASSURED] mark=7 "
        "secctx=system_u:object_r:x "
        "zone=3 delta-time=12 use=2",
        f));
    EXPECT_EQ(f.timeout, 86399u);
    EXPECT_EQ(f.mark, 7u);
    EXPECT_EQ(f.zone, 3);
    EXPECT_TRUE(f.assured());
    EXPECT_FALSE(f.unreplied());
    EXPECT_TRUE(f.status & kStatusOffload);
    EXPECT_FALSE(f.has_counters);
}

TEST(ProcConntrack, RefusesDamagedLines) {
    const char* good =
        "ipv4     2 udp      17 29 src=198.18.0.1 dst=198.18.0.2 sport=5353 dport=53 [UNREPLIED] "
        "src=198.18.0.2 dst=198.18.0.1 sport=53 dport=5353 mark=0 zone=0 use=2";
    Flow f;
    ASSERT_TRUE(parse_proc_conntrack_line(good, f));
    EXPECT_TRUE(f.unreplied());
    std::string line = good;
    // Every cut short of the full line loses "use=N" (or part of it) and must be refused.
    for (size_t len = 0; len + 1 < line.size(); ++len) {
        EXPECT_FALSE(parse_proc_conntrack_line(std::string_view(line).substr(0, len), f)) << len;
    }
    EXPECT_FALSE(parse_proc_conntrack_line("ipv5     2 udp 17 29 src=1.2.3.4 use=1", f));
    EXPECT_FALSE(parse_proc_conntrack_line(
        "ipv4     2 tcp      6 10 NOT_A_STATE src=198.18.0.1 dst=198.18.0.2 sport=1 dport=2 "
        "src=198.18.0.2 dst=198.18.0.1 sport=2 dport=1 mark=0 use=1",
        f));
    EXPECT_FALSE(parse_proc_conntrack_line(
        "ipv4     2 tcp      6 10 ESTABLISHED src=198.18.0.999 dst=198.18.0.2 sport=1 dport=2 "
        "src=198.18.0.2 dst=198.18.0.1 sport=2 dport=1 mark=0 use=1",
        f));
    EXPECT_FALSE(parse_proc_conntrack_line(
        "ipv4     2 tcp      6 10 ESTABLISHED src=198.18.0.1 dst=198.18.0.2 sport=99999 dport=2 "
        "src=198.18.0.2 dst=198.18.0.1 sport=2 dport=1 mark=0 use=1",
        f));
}

namespace {
struct Collect : FlowSink {
    std::vector<Flow> flows;
    void on_flow(const Flow& f) override { flows.push_back(f); }
};
}  // namespace

TEST(ProcConntrack, ReadsFileSkipsBadLinesAndFiltersFamily) {
    char path[] = "/tmp/ctguard-proc-XXXXXX";
    int fd = mkstemp(path);
    ASSERT_GE(fd, 0);
    std::string text = read_data("proc_nf_conntrack.txt");
    text += "ipv4     2 tcp      6 10 ESTABLISHED src=198.18.0.1 dst=198.1";  // truncated last line
    ASSERT_EQ(write(fd, text.data(), text.size()), static_cast<ssize_t>(text.size()));
    close(fd);
    Collect all, v6;
    auto r = read_proc_conntrack(path, 0, all);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->entries, 9u);
    EXPECT_EQ(r->malformed, 1u);
    EXPECT_EQ(r->first_bad_line, 10u);
    auto r6 = read_proc_conntrack(path, AF_INET6, v6);
    ASSERT_TRUE(r6);
    EXPECT_EQ(v6.flows.size(), 3u);
    unlink(path);
    auto missing = read_proc_conntrack(path, 0, all);
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, Exit::unavailable);
}
