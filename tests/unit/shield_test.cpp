#include <gtest/gtest.h>
#include <netinet/in.h>

#include "analysis/shield_plan.hpp"
#include "netfilter/shield_ruleset.hpp"
#include "netfilter/shield_state.hpp"
#include "report/shield_render.hpp"

using namespace ctguard;

namespace {

SocketEntry listener(uint8_t proto, const char* addr, uint16_t port) {
    SocketEntry s;
    s.proto = proto;
    s.local = *parse_ip(addr);
    s.local_port = port;
    s.state = proto == IPPROTO_TCP ? 10 : 7;
    return s;
}

// A stock Debian 12 namespace: timestamps on, loose pickup on, cookies on, default timeouts.
ShieldInput stock() {
    ShieldInput in;
    in.sockets = {listener(IPPROTO_TCP, "0.0.0.0", 22), listener(IPPROTO_TCP, "::", 443),
                  listener(IPPROTO_TCP, "127.0.0.1", 5432), listener(IPPROTO_UDP, "0.0.0.0", 53),
                  listener(IPPROTO_UDP, "198.18.0.1", 5353)};
    SocketEntry client = listener(IPPROTO_TCP, "198.18.0.1", 40000);
    client.state = 1;  // ESTABLISHED: not a listener
    in.sockets.push_back(client);
    in.interfaces = {{"lo", 65536, true, true}, {"eth0", 1500, true, false}, {"wg0", 1420, true, false},
                     {"eth1", 1280, false, false}};
    auto& k = in.sysctls;
    k.tcp_syncookies = 1;
    k.tcp_timestamps = 1;
    k.tcp_loose = 1;
    k.tcp_window_scaling = 1;
    k.tcp_sack = 1;
    k.tcp_rmem_max = 6291456;
    k.rmem_max = 212992;
    k.tcp_timeout_syn_sent = 120;
    k.tcp_timeout_syn_recv = 60;
    k.tcp_timeout_close = 10;
    k.udp_timeout = 30;
    return in;
}

const ShieldMeasure& measure(const ShieldPlan& p, const std::string& name) {
    for (const auto& m : p.measures) {
        if (m.name == name) return m;
    }
    throw std::runtime_error("no measure " + name);
}

}  // namespace

TEST(ShieldPlan, StockHostGetsSynproxyNotrackAndTimeouts) {
    auto p = plan_shield(stock());
    ASSERT_TRUE(p);
    EXPECT_EQ(p->synproxy_ports, (std::vector<uint16_t>{22, 443}));  // 5432 is loopback only
    EXPECT_EQ(p->notrack_ports, (std::vector<uint16_t>{53}));
    EXPECT_EQ(p->mss4, 1380);  // wg0's 1420 is the smallest MTU that is up
    EXPECT_EQ(p->mss6, 1360);
    EXPECT_EQ(p->wscale, std::optional<uint8_t>(7));  // log2(6 MiB) - 15
    EXPECT_TRUE(p->sack);
    ASSERT_EQ(p->sysctls.size(), 1u);  // only loose pickup needs changing
    EXPECT_EQ(p->sysctls[0].key, "net.netfilter.nf_conntrack_tcp_loose");
    EXPECT_EQ(p->sysctls[0].before, 1u);
    EXPECT_EQ(p->sysctls[0].after, 0u);
    EXPECT_TRUE(measure(*p, "synproxy").chosen);
    EXPECT_NE(measure(*p, "synproxy").why.find("MTU 1420 of wg0"), std::string::npos);
    EXPECT_TRUE(measure(*p, "notrack").chosen);
    EXPECT_TRUE(measure(*p, "timeouts").chosen);
    EXPECT_FALSE(measure(*p, "per_source").chosen);
    using Policy = std::vector<std::pair<std::string, uint32_t>>;
    EXPECT_EQ(p->tcp_timeouts, (Policy{{"syn_sent", 5}, {"syn_recv", 5}, {"close", 1}}));
    EXPECT_EQ(p->udp_timeouts, (Policy{{"unreplied", 10}}));
    EXPECT_EQ(shield_summary(*p), "synproxy on tcp 22, 443; notrack on udp 53; timeouts");
}

TEST(ShieldPlan, SetsTimestampsAndCookiesOnlyWhenOff) {
    auto in = stock();
    in.sysctls.tcp_timestamps = 0;
    in.sysctls.tcp_syncookies = 0;
    in.sysctls.tcp_loose = 0;
    auto p = plan_shield(in);
    ASSERT_TRUE(p);
    ASSERT_EQ(p->sysctls.size(), 2u);
    EXPECT_EQ(p->sysctls[0].key, "net.ipv4.tcp_timestamps");
    EXPECT_EQ(p->sysctls[1].key, "net.ipv4.tcp_syncookies");
    in.sysctls.tcp_syncookies = 2;  // always cookies: kept
    in.sysctls.tcp_timestamps = 2;  // timestamps without random offsets: kept
    p = plan_shield(in);
    ASSERT_TRUE(p);
    EXPECT_TRUE(p->sysctls.empty());
}

TEST(ShieldPlan, NoTimestampOptionWhereTheKernelRejectsSynproxysAck) {
    auto in = stock();
    in.tsecr_checked = true;
    in.sysctls.tcp_timestamps = 0;
    auto p = plan_shield(in);
    ASSERT_TRUE(p);
    EXPECT_FALSE(p->timestamps);
    EXPECT_FALSE(p->wscale);
    EXPECT_FALSE(p->sack);
    for (const auto& c : p->sysctls) EXPECT_NE(c.key, "net.ipv4.tcp_timestamps");
    const auto text = shield_listing(*p);
    EXPECT_NE(text.find("synproxy mss 1380 wscale 0\n"), std::string::npos);
    EXPECT_NE(measure(*p, "synproxy").why.find("TSEcrRejected"), std::string::npos);
}

TEST(ShieldPlan, WithoutSynproxyFallsBackToTimeouts) {
    auto in = stock();
    in.synproxy_available = false;
    auto p = plan_shield(in);
    ASSERT_TRUE(p);
    EXPECT_TRUE(p->synproxy_ports.empty());
    EXPECT_FALSE(measure(*p, "synproxy").chosen);
    EXPECT_NE(measure(*p, "synproxy").why.find("CONFIG_NFT_SYNPROXY"), std::string::npos);
    EXPECT_TRUE(p->sysctls.empty());  // loose pickup only matters to SYNPROXY
    EXPECT_TRUE(measure(*p, "timeouts").chosen);
}

TEST(ShieldPlan, NeverLengthensATimeout) {
    auto in = stock();
    in.sysctls.tcp_timeout_syn_sent = 3;
    in.sysctls.tcp_timeout_syn_recv = 5;
    in.sysctls.tcp_timeout_close = 1;
    in.sysctls.udp_timeout = 10;
    auto p = plan_shield(in);
    ASSERT_TRUE(p);
    EXPECT_TRUE(p->tcp_timeouts.empty());
    EXPECT_TRUE(p->udp_timeouts.empty());
    EXPECT_FALSE(measure(*p, "timeouts").chosen);
    in.ct_timeout_available = false;
    in.sysctls.udp_timeout = 30;
    p = plan_shield(in);
    ASSERT_TRUE(p);
    EXPECT_TRUE(p->udp_timeouts.empty());
}

TEST(ShieldPlan, WindowScaleFromTheKernelsBuffers) {
    EXPECT_EQ(kernel_wscale(6291456), 7);
    EXPECT_EQ(kernel_wscale(65535), 0);
    EXPECT_EQ(kernel_wscale(1u << 31), 14);
    EXPECT_EQ(kernel_wscale(uint64_t{1} << 40), 14);
    auto in = stock();
    in.sysctls.tcp_window_scaling = 0;
    auto p = plan_shield(in);
    ASSERT_TRUE(p);
    EXPECT_FALSE(p->wscale);
    EXPECT_NE(shield_listing(*p).find("synproxy mss 1380 wscale 0 timestamp sack-perm\n"), std::string::npos);
}

TEST(ShieldPlan, PortsNarrowAndAreChecked) {
    auto in = stock();
    in.ports = {443, 53};
    auto p = plan_shield(in);
    ASSERT_TRUE(p);
    EXPECT_EQ(p->synproxy_ports, (std::vector<uint16_t>{443}));
    EXPECT_EQ(p->notrack_ports, (std::vector<uint16_t>{53}));
    in.ports = {8443};
    auto e = plan_shield(in);
    ASSERT_FALSE(e);
    EXPECT_EQ(e.error().code, Exit::usage);
    EXPECT_NE(e.error().why.find("nothing listens on port 8443"), std::string::npos);
    in.ports = {5432};
    e = plan_shield(in);
    ASSERT_FALSE(e);
    EXPECT_NE(e.error().why.find("loopback only"), std::string::npos);
}

TEST(ShieldPlan, NothingListening) {
    ShieldInput in = stock();
    in.sockets.clear();
    auto p = plan_shield(in);
    ASSERT_TRUE(p);
    EXPECT_FALSE(measure(*p, "synproxy").chosen);
    EXPECT_FALSE(measure(*p, "notrack").chosen);
    EXPECT_TRUE(p->sysctls.empty());
}

// What `nft list table inet ctguard_shield` printed (nftables 1.0.6, kernel 6.18) after loading
// the stock plan, with its counters.
TEST(ShieldRuleset, ListingIsWhatNftPrints) {
    auto p = plan_shield(stock());
    ASSERT_TRUE(p);
    const std::string listed =
        "table inet ctguard_shield {\n"
        "\tcomment \"ctguard shield: removed by ctguard shield --remove\"\n"
        "\tct timeout tcp_unanswered {\n\t\tprotocol tcp\n\t\tl3proto inet\n"
        "\t\tpolicy = { syn_sent : 5, syn_recv : 5, close : 1 }\n\t}\n\n"
        "\tct timeout udp_unanswered {\n\t\tprotocol udp\n\t\tl3proto inet\n"
        "\t\tpolicy = { unreplied : 10 }\n\t}\n\n"
        "\tset synproxy_ports {\n\t\ttype inet_service\n\t\telements = { 22, 443 }\n\t}\n\n"
        "\tset notrack_ports {\n\t\ttype inet_service\n\t\telements = { 53 }\n\t}\n\n"
        "\tchain prerouting {\n\t\ttype filter hook prerouting priority raw; policy accept;\n"
        "\t\tiif != \"lo\" tcp dport @synproxy_ports tcp flags syn / fin,syn,rst,ack notrack\n"
        "\t\tiif != \"lo\" udp dport @notrack_ports notrack\n"
        "\t\tfib daddr type local meta l4proto tcp ct timeout set \"tcp_unanswered\"\n"
        "\t\tfib daddr type local meta l4proto udp ct timeout set \"udp_unanswered\"\n\t}\n\n"
        "\tchain output {\n\t\ttype filter hook output priority raw; policy accept;\n"
        "\t\toif != \"lo\" udp sport @notrack_ports notrack\n\t}\n\n"
        "\tchain input {\n\t\ttype filter hook input priority filter - 10; policy accept;\n"
        "\t\tmeta nfproto ipv4 tcp dport @synproxy_ports ct state invalid,untracked counter packets 1234 "
        "bytes 74040 synproxy mss 1380 wscale 7 timestamp sack-perm\n"
        "\t\tmeta nfproto ipv6 tcp dport @synproxy_ports ct state invalid,untracked counter packets 0 bytes 0 "
        "synproxy mss 1360 wscale 7 timestamp sack-perm\n"
        "\t\ttcp dport @synproxy_ports ct state invalid counter packets 7 bytes 280 drop\n\t}\n"
        "}\n";
    EXPECT_EQ(zero_counters(listed), shield_listing(*p));
    EXPECT_EQ(shield_load_script(*p).rfind("table inet ctguard_shield {}\ndelete table inet ctguard_shield\n", 0),
              0u);
}

TEST(ShieldRuleset, OnlyWhatWasChosen) {
    auto in = stock();
    in.sockets = {listener(IPPROTO_UDP, "0.0.0.0", 53)};
    in.ct_timeout_available = false;
    auto p = plan_shield(in);
    ASSERT_TRUE(p);
    const auto text = shield_listing(*p);
    EXPECT_EQ(text.find("synproxy"), std::string::npos);
    EXPECT_EQ(text.find("ct timeout"), std::string::npos);
    EXPECT_EQ(text.find("chain input"), std::string::npos);
    EXPECT_NE(text.find("chain output"), std::string::npos);
}

TEST(ShieldState, SavedSysctlsRoundTripAndRefuseOtherKeys) {
    std::vector<SysctlChange> changes = {{"net.ipv4.tcp_timestamps", 0, 1, "why"},
                                         {"net.netfilter.nf_conntrack_tcp_loose", 1, 0, "why"}};
    auto back = parse_saved_sysctls(saved_sysctls_text({ShieldOwner::command, changes}, 4026531840));
    ASSERT_TRUE(back);
    EXPECT_EQ(back->owner, ShieldOwner::command);
    ASSERT_EQ(back->sysctls.size(), 2u);
    EXPECT_EQ(back->sysctls[1].key, "net.netfilter.nf_conntrack_tcp_loose");
    EXPECT_EQ(back->sysctls[1].before, 1u);
    EXPECT_EQ(back->sysctls[1].after, 0u);
    auto daemons = parse_saved_sysctls(saved_sysctls_text({ShieldOwner::daemon, changes}, 4026531840));
    ASSERT_TRUE(daemons);
    EXPECT_EQ(daemons->owner, ShieldOwner::daemon);
    EXPECT_EQ(daemons->sysctls.size(), 2u);
    for (const char* bad : {"kernel.core_pattern 1 0\n", "net.ipv4.tcp_timestamps 0\n",
                            "net.ipv4.tcp_timestamps x 1\n", "net.ipv4.tcp_timestamps 0 1 2\n"}) {
        EXPECT_FALSE(parse_saved_sysctls(bad)) << bad;
    }
    EXPECT_TRUE(parse_saved_sysctls("# only a comment\n\n")->sysctls.empty());
    EXPECT_FALSE(parse_saved_sysctls("owner root\n"));
}

TEST(ShieldState, MergeKeepsTheFirstBeforeValues) {
    ShieldSysctls now;
    now.tcp_timestamps = 1;
    now.tcp_loose = 0;
    std::vector<SysctlChange> saved = {{"net.ipv4.tcp_timestamps", 0, 1, ""}};
    std::vector<SysctlChange> planned = {{"net.netfilter.nf_conntrack_tcp_loose", 1, 0, ""}};
    auto m = merge_saved_sysctls(saved, true, planned, now);
    ASSERT_EQ(m.size(), 2u);
    EXPECT_EQ(m[0].before, 0u);
    // Without the table, a saved value that no longer holds is not the shield's any more.
    now.tcp_timestamps = 2;
    m = merge_saved_sysctls(saved, false, planned, now);
    ASSERT_EQ(m.size(), 1u);
    EXPECT_EQ(m[0].key, "net.netfilter.nf_conntrack_tcp_loose");
    EXPECT_EQ(shield_sysctl_file({}), std::nullopt);
    EXPECT_NE(shield_sysctl_file(planned)->find("net.netfilter.nf_conntrack_tcp_loose = 0\n"), std::string::npos);
}

TEST(ShieldPlan, IptablesLegacyTablesAreNamedAndCountAsTracking) {
    auto in = stock();
    in.tracking = false;
    in.legacy_tables = {"filter", "nat"};
    auto p = plan_shield(in);
    ASSERT_TRUE(p);
    EXPECT_TRUE(measure(*p, "synproxy").chosen);
    ASSERT_FALSE(p->notes.empty());
    EXPECT_NE(p->notes[0].find("iptables-legacy tables are loaded here (filter, nat)"), std::string::npos) << p->notes[0];
}

TEST(ShieldPlan, ANamespaceThatTracksNothingIsLeftAlone) {
    auto in = stock();
    in.tracking = false;
    auto p = plan_shield(in);
    ASSERT_TRUE(p);
    EXPECT_TRUE(p->measures.empty());
    EXPECT_TRUE(p->sysctls.empty());
    EXPECT_FALSE(ruleset_uses_conntrack(""));
    EXPECT_FALSE(ruleset_uses_conntrack("table inet filter {\n\tchain input {\n\t\ttcp dport 22 accept\n\t}\n}\n"));
    EXPECT_TRUE(ruleset_uses_conntrack("table inet filter {\n\tchain input {\n\t\tct state established accept\n\t}\n}\n"));
    EXPECT_TRUE(ruleset_uses_conntrack("table ip nat {\n\tchain post {\n\t\ttype nat hook postrouting priority srcnat;\n"
                                       "\t\toif \"eth0\" masquerade\n\t}\n}\n"));
    // The shield's own table does not count.
    EXPECT_FALSE(ruleset_uses_conntrack("table inet ctguard_shield {\n\tchain input {\n\t\ttcp dport @synproxy_ports "
                                        "ct state invalid drop\n\t}\n}\n"));
}
