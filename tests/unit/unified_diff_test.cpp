#include <gtest/gtest.h>

#include "netfilter/slabinfo.hpp"
#include "report/unified_diff.hpp"

using namespace ctguard;

TEST(UnifiedDiff, NewRemovedAndEqualFiles) {
    EXPECT_EQ(unified_diff("/etc/x.conf", std::string("a\n"), std::string("a\n")), "");
    EXPECT_EQ(unified_diff("/etc/x.conf", std::nullopt, std::string("a\nb\n")),
              "--- /dev/null\n+++ b/etc/x.conf\n@@ -0,0 +1,2 @@\n+a\n+b\n");
    EXPECT_EQ(unified_diff("/etc/x.conf", std::string("a\n"), std::nullopt),
              "--- a/etc/x.conf\n+++ /dev/null\n@@ -1 +0,0 @@\n-a\n");
}

TEST(UnifiedDiff, HunksWithContext) {
    std::string before, after;
    for (int i = 1; i <= 20; ++i) {
        before += std::to_string(i) + "\n";
        after += (i == 3 ? "three\n" : i == 18 ? "" : std::to_string(i) + "\n");
    }
    EXPECT_EQ(unified_diff("/f", before, after),
              "--- a/f\n+++ b/f\n"
              "@@ -1,6 +1,6 @@\n 1\n 2\n-3\n+three\n 4\n 5\n 6\n"
              "@@ -15,6 +15,5 @@\n 15\n 16\n 17\n-18\n 19\n 20\n");
}

TEST(UnifiedDiff, MissingFinalNewline) {
    EXPECT_EQ(unified_diff("/f", std::string("a\nb"), std::string("a\nb\nc\n")),
              "--- a/f\n+++ b/f\n@@ -1,2 +1,3 @@\n a\n-b\n\\ No newline at end of file\n+b\n+c\n");
}

TEST(Slabinfo, ObjectSize) {
    const char* text =
        "slabinfo - version: 2.1\n"
        "# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab> : tunables ...\n"
        "nf_conntrack_expect      0      0    208   19    1 : tunables    0    0    0 : slabdata      0      "
        "0      0\n"
        "nf_conntrack        1440   1440    256   16    1 : tunables    0    0    0 : slabdata     90     90 "
        "     0\n";
    EXPECT_EQ(parse_slab_object_size(text, "nf_conntrack"), 256u);
    EXPECT_EQ(parse_slab_object_size(text, "nf_conntrack_expect"), 208u);
    EXPECT_FALSE(parse_slab_object_size(text, "nf_conn"));
}
