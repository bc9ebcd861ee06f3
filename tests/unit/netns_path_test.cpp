#include <gtest/gtest.h>

#include "host/netns.hpp"
#include "host/netns_thread.hpp"
#include "temp_tree.hpp"

using namespace ctguard;

TEST(NetnsPath, OnlyPidPrefixMeansAProcess) {
    const RootDir live;
    EXPECT_EQ(netns_path(live, "pid:101"), "/proc/101/ns/net");
    // `ip netns add 101` makes a namespace named 101: a number is a name like any other.
    EXPECT_EQ(netns_path(live, "101"), "/run/netns/101");
    EXPECT_EQ(netns_path(live, "vps1"), "/run/netns/vps1");
    EXPECT_EQ(netns_path(live, "/var/run/netns/x"), "/var/run/netns/x");
    EXPECT_EQ(netns_path(RootDir{"/t"}, "pid:7"), "/t/proc/7/ns/net");
}

TEST(NetnsPath, CliBareNumberIsAPidUnlessSuchANamespaceExists) {
    TempTree tree;
    tree.write("/run/netns/101", "");
    EXPECT_EQ(cli_netns_spec(tree.root(), "101"), "101");  // the namespace named 101
    EXPECT_EQ(cli_netns_spec(tree.root(), "102"), "pid:102");
    EXPECT_EQ(cli_netns_spec(tree.root(), "pid:101"), "pid:101");
    EXPECT_EQ(cli_netns_spec(tree.root(), "vps1"), "vps1");
}

// What a namespace's path holds between `ip netns add`'s create and mount, or `ip netns del`'s
// unmount and unlink, is a plain file: not a namespace.
TEST(NetnsPath, OnlyAnNsfsFileIsANamespace) {
    TempTree tree;
    tree.write("/run/netns/half", "");
    EXPECT_FALSE(is_namespace_file(tree.dir() + "/run/netns/half"));
    EXPECT_FALSE(is_namespace_file(tree.dir() + "/run/netns/none"));
    EXPECT_TRUE(is_namespace_file("/proc/self/ns/net"));
}
