#include <gtest/gtest.h>

#include "analysis/cap_plan.hpp"
#include "analysis/cap_spec.hpp"
#include "netfilter/cap_ruleset.hpp"
#include "netfilter/cap_table.hpp"
#include "recorded.hpp"
#include "report/cap_render.hpp"

using namespace ctguard;

namespace {

CapSpec spec(uint32_t n, std::vector<PortRange> ports, std::vector<const char*> exempt) {
    CapSpec s{n, std::move(ports), {}};
    for (const char* e : exempt) s.exempt.push_back(*parse_cidr(e));
    return s;
}

size_t count_of(const std::string& text, const std::string& what) {
    size_t n = 0;
    for (size_t pos = text.find(what); pos != std::string::npos; pos = text.find(what, pos + 1)) ++n;
    return n;
}

}  // namespace

TEST(CapSpec, NormalizeMergesPortsAndDropsCoveredPrefixes) {
    auto s =
        normalize_cap(spec(3, {{8080, 8080}, {22, 22}, {8000, 8100}, {23, 23}},
                           {"2001:db8::/32", "198.18.9.7", "198.18.0.0/15", "198.18.9.0/24", "10.0.0.1"}));
    ASSERT_EQ(s.ports.size(), 2u);
    EXPECT_EQ(s.ports[0].lo, 22);
    EXPECT_EQ(s.ports[0].hi, 23);  // adjacent: merged
    EXPECT_EQ(s.ports[1].lo, 8000);
    EXPECT_EQ(s.ports[1].hi, 8100);
    ASSERT_EQ(s.exempt.size(), 3u);
    EXPECT_EQ(to_string(s.exempt[0]), "10.0.0.1/32");
    EXPECT_EQ(to_string(s.exempt[1]), "198.18.0.0/15");
    EXPECT_EQ(to_string(s.exempt[2]), "2001:db8::/32");
}

TEST(CapListing, RecordedKernelListing) {
    CapState st = parse_cap_listing(ctguard::testing::read_data("nft_cap_list.json"));
    EXPECT_TRUE(st.installed);
    ASSERT_TRUE(st.spec);
    EXPECT_EQ(*st.spec, normalize_cap(spec(3, {{8080, 8080}, {9000, 9010}},
                                           {"198.18.9.0/24", "198.18.10.5", "2001:db8:5::/48"})));
    EXPECT_EQ(st.dropped_packets, 12u);
    EXPECT_EQ(st.sources, (std::vector<std::string>{"198.18.77.2", "2001:db8:77::2"}));
}

TEST(CapListing, OtherShapesAreNotOurs) {
    EXPECT_FALSE(parse_cap_listing("not json").installed);
    auto st = parse_cap_listing(R"({"nftables": [{"table": {"family": "inet", "name": "ctguard"}}]})");
    EXPECT_TRUE(st.installed);
    EXPECT_FALSE(st.spec);  // no cap rules
    // A type the parser does not expect must not throw.
    st = parse_cap_listing(
        R"({"nftables": [{"table": {}}, {"set": {"name": "exempt4", "elem": [{"prefix": 5}]}}]})");
    EXPECT_FALSE(st.spec);
}

TEST(CapRuleset, OneTransactionThatReplacesTheTable) {
    auto text = cap_ruleset(normalize_cap(spec(50, {{22, 22}, {443, 443}}, {"198.18.0.0/15"})));
    EXPECT_EQ(text.find("table inet ctguard {}\ndelete table inet ctguard\ntable inet ctguard {\n") !=
                  std::string::npos,
              true);
    EXPECT_NE(text.find("elements = { 198.18.0.0/15 }"), std::string::npos);
    EXPECT_NE(
        text.find("meta l4proto { tcp, udp } th dport { 22, 443 } ct state new add @cap4 { ip saddr ct count "
                  "over 50 } counter drop"),
        std::string::npos);
    EXPECT_NE(text.find("add @cap6 { ip6 saddr ct count over 50 }"), std::string::npos);
    EXPECT_EQ(cap_ruleset(spec(5, {}, {})).find("th dport"),
              std::string::npos);  // no ports: every connection
}

TEST(CapRuleset, InboundOnlyForCtguardCap) {
    auto text = cap_ruleset(spec(5, {}, {}));
    EXPECT_NE(text.find("\tchain input {\n\t\ttype filter hook input priority filter; policy accept;\n"),
              std::string::npos);
    EXPECT_EQ(text.find("prerouting"), std::string::npos);
    EXPECT_EQ(text.find("hook output"), std::string::npos);
    EXPECT_EQ(cap_remove_script(), "table inet ctguard {}\ndelete table inet ctguard\n");
}

TEST(CapRuleset, DaemonCapsEveryDirectionInItsOwnTable) {
    auto text = cap_ruleset(spec(200, {}, {}), kDaemonCapTable);
    EXPECT_EQ(
        text.find(
            "table inet ctguard_daemon {}\ndelete table inet ctguard_daemon\ntable inet ctguard_daemon {\n"),
        text.find('\n') + 1);  // after the comment line: replacing is one transaction
    EXPECT_EQ(text.find("table inet ctguard "), std::string::npos);
    EXPECT_EQ(count_of(text, "ct state new add @cap4 { ip saddr ct count over 200 } counter drop"), 2u);
    EXPECT_EQ(count_of(text, "ct state new add @cap6 { ip6 saddr ct count over 200 } counter drop"), 2u);
    EXPECT_EQ(count_of(text, "type filter hook prerouting priority filter; policy accept;"), 1u);
    EXPECT_EQ(count_of(text, "type filter hook output priority filter; policy accept;"), 1u);
    EXPECT_EQ(text.find("hook input"), std::string::npos);
    EXPECT_EQ(cap_remove_script(kDaemonCapTable),
              "table inet ctguard_daemon {}\ndelete table inet ctguard_daemon\n");
}

TEST(CapPlan, IncludeOnceAndRemoveCleanly) {
    const std::string conf = "#!/usr/sbin/nft -f\n\nflush ruleset\n";
    auto add = plan_nft_persist(conf, std::nullopt, std::string("RULES\n"));
    ASSERT_EQ(add.size(), 2u);
    EXPECT_EQ(add[0].path, "/etc/nftables.d/ctguard.nft");
    EXPECT_EQ(add[1].path, "/etc/nftables.conf");
    EXPECT_TRUE(add[1].backup);
    const std::string with = *add[1].after;
    EXPECT_EQ(with, conf +
                        "# ctguard: per-source connection caps (ctguard cap --persist)\ninclude "
                        "\"/etc/nftables.d/ctguard.nft\"\n");
    EXPECT_TRUE(plan_nft_persist(with, std::string("RULES\n"), std::string("RULES\n")).empty());
    auto remove = plan_nft_persist(with, std::string("RULES\n"), std::nullopt);
    ASSERT_EQ(remove.size(), 2u);
    EXPECT_FALSE(remove[0].after);
    EXPECT_EQ(*remove[1].after, conf);
    EXPECT_EQ(plan_nft_persist(std::nullopt, std::nullopt, std::string("R\n")).size(),
              1u);  // no conf: file only
}
