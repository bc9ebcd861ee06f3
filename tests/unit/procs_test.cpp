// Attribution and /proc parsers: no root, no kernel (suspicion and rotation: suspicion_test.cpp).
#include <gtest/gtest.h>
#include <netinet/in.h>

#include "analysis/flow_owner.hpp"
#include "analysis/process_flows.hpp"
#include "analysis/top.hpp"
#include "host/local_addresses.hpp"
#include "host/proc_net_sockets.hpp"
#include "host/process_reader.hpp"
#include "host/socket_owners.hpp"

using namespace ctguard;

namespace {

IpAddr ip(const char* s) {
    return *parse_ip(s);
}

Flow tcp_flow(const char* src, uint16_t sport, const char* dst, uint16_t dport) {
    Flow f;
    f.family = ip(src).family;
    f.proto = IPPROTO_TCP;
    f.orig = {ip(src), ip(dst), sport, dport};
    f.reply = {ip(dst), ip(src), dport, sport};
    f.state = 3;  // ESTABLISHED
    f.status = kStatusSeenReply;
    return f;
}

SocketEntry sock(uint8_t proto, const char* local, uint16_t lport, const char* remote, uint16_t rport,
                 uint64_t inode, uint8_t state = 1) {
    return {proto, ip(local), ip(remote), lport, rport, state, inode};
}

}  // namespace

TEST(ProcParsers, PidStatWithAwkwardComm) {
    ProcessInfo p;
    // comm may hold spaces and ')' : the last ')' ends it.
    ASSERT_TRUE(parse_pid_stat(
        "4242 (we (ird) name) S 1 4242 4242 0 -1 4194560 0 0 0 0 0 0 0 0 20 0 1 0 12345 0 0", p));
    EXPECT_EQ(p.pid, 4242);
    EXPECT_EQ(p.comm, "we (ird) name");
    EXPECT_EQ(p.ppid, 1);
    EXPECT_EQ(p.tty_nr, 0);
    EXPECT_EQ(p.start_ticks, 12345u);
    EXPECT_EQ(p.state, 'S');
    EXPECT_FALSE(p.kernel_thread);
    ASSERT_TRUE(parse_pid_stat("2 (kthreadd) S 0 0 0 0 -1 2129984 0 0 0 0 0 0 0 0 20 0 1 0 1 0 0", p));
    EXPECT_TRUE(p.kernel_thread);
    EXPECT_FALSE(parse_pid_stat("12 (short) S 1 2", p));
    EXPECT_FALSE(parse_pid_stat("x (comm) S 1 4242 4242 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 1 0 0", p));
}

TEST(ProcParsers, StatusUidAndExeLink) {
    EXPECT_EQ(parse_status_uid("Name:\tx\nUid:\t1000\t1000\t1000\t1000\nGid:\t0\n"), 1000u);
    EXPECT_FALSE(parse_status_uid("Name:\tx\n"));
    bool deleted = false;
    EXPECT_EQ(parse_exe_link("/tmp/x/dmsFZqnoz13z (deleted)", deleted), "/tmp/x/dmsFZqnoz13z");
    EXPECT_TRUE(deleted);
    EXPECT_EQ(parse_exe_link("/usr/sbin/sshd", deleted), "/usr/sbin/sshd");
    EXPECT_FALSE(deleted);
    EXPECT_EQ(parse_socket_link("socket:[12345]"), 12345u);
    EXPECT_EQ(parse_socket_link("pipe:[12345]"), 0u);
    EXPECT_EQ(parse_socket_link("socket:[]"), 0u);
}

TEST(ProcParsers, ProcNetLines) {
    SocketEntry s;
    ASSERT_TRUE(parse_proc_net_inet_line(
        "   0: 010012C6:1F40 020012C6:C350 01 00000000:00000000 00:00000000 00000000     0        0 4711 1 0",
        AF_INET, IPPROTO_TCP, s));
    EXPECT_EQ(to_string(s.local), "198.18.0.1");
    EXPECT_EQ(s.local_port, 8000);
    EXPECT_EQ(to_string(s.remote), "198.18.0.2");
    EXPECT_EQ(s.remote_port, 50000);
    EXPECT_EQ(s.inode, 4711u);
    // A dual-stack socket's IPv4-mapped address comes out as IPv4, as conntrack keys it.
    ASSERT_TRUE(parse_proc_net_inet_line(
        "  1: 0000000000000000FFFF0000010012C6:0050 00000000000000000000000000000000:0000 "
        "0A 00000000:00000000 00:00000000 00000000     0        0 99 1",
        AF_INET6, IPPROTO_TCP, s));
    EXPECT_EQ(s.local.family, AF_INET);
    EXPECT_EQ(to_string(s.local), "198.18.0.1");
    EXPECT_FALSE(parse_proc_net_inet_line("  1: 0100007F 00000000:0000 0A", AF_INET, IPPROTO_TCP, s));
    EXPECT_EQ(parse_proc_net_packet_line("ffff8880045e5000 3 3 0003 2 1 0 0 23456"), 23456u);
    EXPECT_EQ(parse_proc_net_packet_line("sk RefCnt Type"), 0u);
}

TEST(ProcParsers, LocalAddresses) {
    auto v4 = parse_fib_trie_local(
        "Main:\n  +-- 0.0.0.0/0 3 0 5\n     |-- 127.0.0.0\n        /8 host LOCAL\n     |-- 198.18.0.1\n"
        "        /32 host LOCAL\n     |-- 198.18.0.255\n        /32 link BROADCAST\n");
    ASSERT_EQ(v4.size(), 2u);
    EXPECT_TRUE(v4[0].contains(ip("127.3.4.5")));
    EXPECT_TRUE(v4[1].contains(ip("198.18.0.1")));
    EXPECT_FALSE(v4[1].contains(ip("198.18.0.255")));
    auto v6 = parse_if_inet6("20010db8000000000000000000000001 02 40 00 80 veth0\n");
    ASSERT_EQ(v6.size(), 1u);
    EXPECT_TRUE(v6[0].contains(ip("2001:db8::1")));
}

TEST(FlowOwner, JoinsEntriesToSockets) {
    SocketOwners owners;
    owners.holder = {{1, 100}, {2, 200}, {3, 300}, {4, 400}};
    std::vector<SocketEntry> sockets = {
        sock(IPPROTO_TCP, "198.18.0.2", 40000, "198.18.0.1", 80, 1),  // our client
        sock(IPPROTO_TCP, "198.18.0.2", 22, "0.0.0.0", 0, 2, 10),     // our sshd, listening
        sock(IPPROTO_UDP, "0.0.0.0", 5353, "0.0.0.0", 0, 3, 7),       // unconnected UDP
        sock(IPPROTO_TCP, "::", 8080, "::", 0, 4, 10),                // dual-stack listener
    };
    FlowAttributor who(sockets, owners, {*parse_cidr("198.18.0.2/32")});

    auto out = who.owner(tcp_flow("198.18.0.2", 40000, "198.18.0.1", 80));
    EXPECT_EQ(out.pid, 100);
    EXPECT_TRUE(out.outbound);
    auto in = who.owner(tcp_flow("198.18.9.9", 50000, "198.18.0.2", 22));  // SYN_RECV on the listener
    EXPECT_EQ(in.pid, 200);
    EXPECT_FALSE(in.outbound);
    Flow udp = tcp_flow("198.18.0.2", 5353, "198.18.0.1", 53);
    udp.proto = IPPROTO_UDP;
    EXPECT_EQ(who.owner(udp).pid, 300);
    EXPECT_EQ(who.owner(tcp_flow("198.18.9.9", 50001, "198.18.0.2", 8080)).pid, 400);

    // Routed through us: neither end is ours.
    EXPECT_EQ(who.owner(tcp_flow("198.18.9.9", 1, "198.18.8.8", 2)).kind, FlowOwnerKind::forwarded);
    // Ours, but the socket is gone.
    auto closed = who.owner(tcp_flow("198.18.0.2", 40001, "198.18.0.1", 80));
    EXPECT_EQ(closed.kind, FlowOwnerKind::no_socket);
    // DNAT to a container: the original destination is ours, the real server is not.
    Flow dnat = tcp_flow("198.18.9.9", 3, "198.18.0.2", 443);
    dnat.reply = {ip("198.19.0.5"), ip("198.18.9.9"), 443, 3};
    EXPECT_EQ(who.owner(dnat).kind, FlowOwnerKind::forwarded);

    EXPECT_EQ(owner_label(owner_id(out), "curl"), "curl[100]");
    EXPECT_EQ(owner_label(owner_id(closed), ""), "(no socket)");
}

TEST(FlowOwner, StaleBytesAfterAnIpv4AddressAreIgnored) {
    SocketOwners owners;
    owners.holder = {{1, 100}};
    FlowAttributor who({sock(IPPROTO_TCP, "198.18.0.2", 40000, "198.18.0.1", 80, 1)}, owners, {});
    Flow f = tcp_flow("198.18.0.2", 40000, "198.18.0.1", 80);
    f.orig.src.bytes[9] = 0x77;  // a dump reader reusing the Flow after an IPv6 entry
    EXPECT_EQ(who.owner(f).pid, 100);
}

TEST(FlowOwner, CountsPerProcessAndTopByProcess) {
    SocketOwners owners;
    owners.holder = {{1, 100}, {2, 100}};
    FlowAttributor who({sock(IPPROTO_TCP, "198.18.0.2", 40000, "198.18.0.1", 80, 1),
                        sock(IPPROTO_TCP, "198.18.0.2", 40001, "198.18.0.3", 80, 2)},
                       owners, {*parse_cidr("198.18.0.2/32")});
    ProcessFlowCounter counter(who);
    ProcessKeyFns fns{[&](const Flow& f) { return owner_id(who.owner(f)); },
                      [](uint32_t id) { return owner_label(id, "client"); }};
    TopAggregator top({TopKey::process}, {}, fns);
    FanOutSink both{&counter, &top};
    Flow syn = tcp_flow("198.18.0.2", 40001, "198.18.0.3", 80);
    syn.state = 1;  // SYN_SENT
    syn.status = 0;
    for (const Flow& f :
         {tcp_flow("198.18.0.2", 40000, "198.18.0.1", 80), syn, tcp_flow("198.18.9.9", 1, "198.18.8.8", 2)}) {
        both.on_flow(f);
    }
    auto per_pid = counter.result();
    ASSERT_EQ(per_pid.count(100), 1u);
    EXPECT_EQ(per_pid[100].flows, 2u);
    EXPECT_EQ(per_pid[100].unreplied, 1u);
    EXPECT_EQ(per_pid[100].by_state["SYN_SENT"], 1u);
    EXPECT_EQ(per_pid[100].destinations.size(), 2u);
    EXPECT_EQ(counter.totals().forwarded, 1u);
    auto r = top.result(10);
    ASSERT_EQ(r.rows.size(), 2u);
    EXPECT_EQ(r.rows[0].values.process, "client[100]");
    EXPECT_EQ(r.rows[0].count, 2u);
    EXPECT_EQ(r.rows[1].values.process, "(forwarded)");
}
