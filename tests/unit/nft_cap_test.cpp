#include <gtest/gtest.h>

#include "kernel/nft_cap.hpp"

using namespace ctguard;

TEST(NftCap, RulesetCapsBothFamiliesInBothHooks) {
    std::string r = source_cap_commands(200);
    // Replacing is one transaction: create-if-missing, delete, define.
    EXPECT_EQ(r.find("table inet ctguard_daemon\ndelete table inet ctguard_daemon\n"), 0u);
    size_t v4 = 0, v6 = 0, pos = 0;
    while ((pos = r.find("add @cap_v4 { ip saddr ct count over 200 } counter drop", pos)) !=
           std::string::npos)
        ++v4, ++pos;
    pos = 0;
    while ((pos = r.find("add @cap_v6 { ip6 saddr ct count over 200 } counter drop", pos)) !=
           std::string::npos)
        ++v6, ++pos;
    EXPECT_EQ(v4, 2u);  // prerouting and output
    EXPECT_EQ(v6, 2u);
    EXPECT_NE(r.find("type filter hook prerouting priority filter; policy accept;"), std::string::npos);
    EXPECT_NE(r.find("type filter hook output priority filter; policy accept;"), std::string::npos);
    EXPECT_EQ(source_cap_removal_commands(), "table inet ctguard_daemon\ndelete table inet ctguard_daemon\n");
}
