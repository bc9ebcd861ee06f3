#include <gtest/gtest.h>

#include "analysis/limit_advice.hpp"
#include "analysis/limit_plan.hpp"
#include "model/conntrack_timeouts.hpp"

using namespace ctguard;

namespace {

SysctlConfig conflicted() {
    SysctlConfig c;
    c.files = {
        {"/etc/sysctl.d/99-sysctl.conf", "/etc/sysctl.conf", "net.ipv4.netfilter.ip_conntrack_max = 29000\n"},
        {"/usr/lib/sysctl.d/99-zzz-vendor.conf", "/usr/lib/sysctl.d/99-zzz-vendor.conf",
         "kernel.x = 1\nnet.netfilter.nf_conntrack_max = 70000\n"}};
    c.sysctl_conf = ConfFile{"/etc/sysctl.conf", "/etc/sysctl.conf", c.files[0].text};
    return c;
}

const FileChange* change(const PersistPlan& p, const std::string& path) {
    for (const auto& c : p.changes) {
        if (c.path == path) return &c;
    }
    return nullptr;
}

}  // namespace

TEST(LimitPlan, PersistWithoutFixReportsConflicts) {
    PersistRequest req{{{conntrack_max_key(), 29000}}, false, std::nullopt, false};
    auto plan = plan_persist(conflicted(), req, {});
    ASSERT_EQ(plan.changes.size(), 1u);
    EXPECT_EQ(plan.changes[0].path, "/etc/sysctl.d/99-zz-ctguard.conf");
    EXPECT_FALSE(plan.changes[0].before);
    EXPECT_NE(plan.changes[0].after->find("\nnet.netfilter.nf_conntrack_max = 29000\n"), std::string::npos);
    ASSERT_EQ(plan.conflicts.size(), 2u);
    EXPECT_EQ(plan.conflicts[0].file, "/etc/sysctl.conf");  // legacy
    EXPECT_EQ(plan.conflicts[1].file, "/usr/lib/sysctl.d/99-zzz-vendor.conf");
    // Ours sits between 99-sysctl.conf and the vendor file in the planned order.
    ASSERT_EQ(plan.after.files.size(), 3u);
    EXPECT_EQ(plan.after.files[1].listed, "/etc/sysctl.d/99-zz-ctguard.conf");
}

TEST(LimitPlan, FixEditsEtcInPlaceAndMasksVendorFiles) {
    PersistRequest req{{{conntrack_max_key(), 29000}}, true, 32768, true};
    auto plan =
        plan_persist(conflicted(), req, {std::nullopt, std::string("options nf_conntrack hashsize=1\n")});
    EXPECT_TRUE(plan.conflicts.empty());
    const FileChange* etc = change(plan, "/etc/sysctl.conf");
    ASSERT_TRUE(etc);
    EXPECT_TRUE(etc->backup);
    EXPECT_NE(etc->after->find("# ctguard: disabled: legacy key"), std::string::npos);
    const FileChange* mask = change(plan, "/etc/sysctl.d/99-zzz-vendor.conf");
    ASSERT_TRUE(mask);
    EXPECT_FALSE(mask->before);
    EXPECT_FALSE(mask->backup);
    EXPECT_EQ(*mask->after,
              "kernel.x = 1\n# ctguard: disabled: sorts after /etc/sysctl.d/99-zz-ctguard.conf: at boot it "
              "replaces "
              "29000 with 70000\n# net.netfilter.nf_conntrack_max = 70000\n");
    ASSERT_TRUE(change(plan, "/etc/modules-load.d/ctguard.conf"));
    const FileChange* modprobe = change(plan, "/etc/modprobe.d/99-ctguard.conf");
    ASSERT_TRUE(modprobe);
    EXPECT_NE(modprobe->after->find("options nf_conntrack hashsize=32768\n"), std::string::npos);
    EXPECT_EQ(plan.changes.size(), 5u);

    // Applied, the same request changes nothing.
    SysctlConfig after = plan.after;
    ModuleFiles modules{*change(plan, "/etc/modules-load.d/ctguard.conf")->after, *modprobe->after};
    auto again = plan_persist(after, req, modules);
    EXPECT_TRUE(again.changes.empty());
    EXPECT_TRUE(again.conflicts.empty());
}

TEST(LimitAdvice, RuntimeConflictsAndRecommendations) {
    LimitReport r;
    r.max = 262144;
    r.count = 300000;
    r.buckets = 4096;
    r.boot = PersistedValue{"/etc/sysctl.d/50-low.conf", 1, 1000};
    r.timeouts["tcp_timeout_established"] = 432000;
    auto conflicts = runtime_conflicts(r);
    ASSERT_EQ(conflicts.size(), 3u);
    EXPECT_EQ(conflicts[0].file, "/proc/sys/net/netfilter/nf_conntrack_max");
    EXPECT_EQ(conflicts[1].file, "/etc/sysctl.d/50-low.conf");
    EXPECT_EQ(conflicts[2].key, "nf_conntrack");  // a module nothing loads early
    r.conflicts = conflicts;
    auto rec = limit_recommendations(r);
    ASSERT_EQ(rec.size(), 3u);
    EXPECT_NE(rec[0].find("ctguard limit set 29000 --persist --fix-conflicts --hashsize 29000"),
              std::string::npos);
    EXPECT_NE(rec[1].find("raise hashsize from 4,096 to 29,000"), std::string::npos);
    EXPECT_NE(rec[2].find("--set tcp_timeout_established=10800 --persist"), std::string::npos);

    LimitReport fine;
    fine.max = 29000;
    fine.buckets = 32768;
    fine.boot = PersistedValue{"/etc/sysctl.d/99-zz-ctguard.conf", 3, 29000};
    fine.module.builtin = true;
    fine.timeouts["tcp_timeout_established"] = 10800;
    EXPECT_TRUE(runtime_conflicts(fine).empty());
    EXPECT_TRUE(limit_recommendations(fine).empty());
}

TEST(Timeouts, NamesInEveryForm) {
    EXPECT_EQ(parse_timeout_name("tcp_timeout_established"), "tcp_timeout_established");
    EXPECT_EQ(parse_timeout_name("nf_conntrack_udp_timeout"), "udp_timeout");
    EXPECT_EQ(parse_timeout_name("net.netfilter.nf_conntrack_gre_timeout_stream"), "gre_timeout_stream");
    EXPECT_FALSE(parse_timeout_name("tcp_timeout_forever"));
    EXPECT_FALSE(parse_timeout_name("nf_conntrack_max"));
    EXPECT_FALSE(parse_timeout_name(""));
    EXPECT_EQ(timeout_key("udp_timeout").dotted, "net.netfilter.nf_conntrack_udp_timeout");
}
