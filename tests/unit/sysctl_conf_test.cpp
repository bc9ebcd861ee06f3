#include <gtest/gtest.h>

#include "analysis/sysctl_conf.hpp"
#include "analysis/sysctl_edit.hpp"
#include "lib/conf_order.hpp"
#include "lib/text.hpp"

using namespace ctguard;

namespace {

const SysctlKey kMax = conntrack_max_key();

ConfFile file(std::string listed, std::string text, std::string real = "") {
    return {listed, real.empty() ? listed : real, std::move(text)};
}

// Debian: /etc/sysctl.d/99-sysctl.conf links to /etc/sysctl.conf, which procps also reads last.
SysctlConfig debian(std::string sysctl_conf, std::vector<ConfFile> others = {}) {
    SysctlConfig c;
    c.files = std::move(others);
    c.files.push_back(file("/etc/sysctl.d/99-sysctl.conf", sysctl_conf, "/etc/sysctl.conf"));
    std::sort(c.files.begin(), c.files.end(),
              [](const ConfFile& a, const ConfFile& b) { return base_name(a.listed) < base_name(b.listed); });
    c.sysctl_conf = file("/etc/sysctl.conf", sysctl_conf);
    return c;
}

}  // namespace

TEST(SysctlParse, KindsKeysAndValues) {
    auto lines = parse_sysctl_text(
        "# comment\n"
        "; also a comment\n"
        "\n"
        "net.netfilter.nf_conntrack_max = 29000\n"
        "  -net/netfilter/nf_conntrack_max=  30000  \n"
        "-net.ipv4.conf.*.rp_filter\n"
        "net.netfilter.nf_conntrack_max 29000\n"
        "= 5\n"
        "net.ipv4.conf.enp3s0/200.forwarding = 1");
    ASSERT_EQ(lines.size(), 9u);
    for (int i : {0, 1, 2, 5}) EXPECT_EQ(lines[i].kind, SysctlLine::Kind::ignored) << i;
    EXPECT_EQ(lines[3].kind, SysctlLine::Kind::assignment);
    EXPECT_EQ(lines[3].key, "net/netfilter/nf_conntrack_max");
    EXPECT_EQ(lines[3].value, "29000");
    EXPECT_EQ(lines[4].key, "net/netfilter/nf_conntrack_max");  // '-' only says failures are not errors
    EXPECT_EQ(lines[4].value, "30000");
    EXPECT_EQ(lines[6].kind, SysctlLine::Kind::broken);
    EXPECT_EQ(lines[7].kind, SysctlLine::Kind::broken);
    EXPECT_EQ(lines[8].key, "net/ipv4/conf/enp3s0.200/forwarding");  // sysctl.d(5)'s own example
    EXPECT_EQ(lines[8].number, 9u);
    EXPECT_EQ(parse_sysctl_text("a = 1\n").size(), 1u);  // a final newline is not another line
}

TEST(SysctlParse, KeyPathRule) {
    EXPECT_EQ(sysctl_key_path("kernel.domainname"), "kernel/domainname");
    EXPECT_EQ(sysctl_key_path("kernel/domainname"), "kernel/domainname");
    EXPECT_EQ(sysctl_key_path("net/ipv4/conf/enp3s0.200/forwarding"), "net/ipv4/conf/enp3s0.200/forwarding");
    EXPECT_EQ(sysctl_key_path("net.ipv4.conf.enp3s0/200.forwarding"), "net/ipv4/conf/enp3s0.200/forwarding");
}

TEST(ConfOrder, MasksByNameAndSortsAcrossDirectories) {
    auto files =
        merge_conf_dirs({{"/etc/sysctl.d", {"99-sysctl.conf", "50-x.conf", ".hidden.conf", "README"}},
                         {"/run/sysctl.d", {"10-run.conf"}},
                         {"/usr/lib/sysctl.d", {"50-x.conf", "50-pid-max.conf", "a.conf.dpkg-old"}}});
    EXPECT_EQ(files,
              (std::vector<std::string>{"/run/sysctl.d/10-run.conf", "/usr/lib/sysctl.d/50-pid-max.conf",
                                        "/etc/sysctl.d/50-x.conf", "/etc/sysctl.d/99-sysctl.conf"}));
}

TEST(SysctlEffective, BootAndSysctlSystemDiffer) {
    auto c = debian("net.netfilter.nf_conntrack_max = 50000\n",
                    {file("/usr/lib/sysctl.d/99-zvendor.conf", "net.netfilter.nf_conntrack_max = 70000\n"),
                     file("/usr/lib/sysctl.d/10-early.conf", "net.nf_conntrack_max = 60000\n")});
    auto boot = effective_assignment(c, kMax, SysctlReader::boot);
    ASSERT_TRUE(boot);
    EXPECT_EQ(boot->file->listed, "/usr/lib/sysctl.d/99-zvendor.conf");
    EXPECT_EQ(boot->line.value, "70000");
    auto sys = effective_assignment(c, kMax, SysctlReader::system);
    ASSERT_TRUE(sys);
    EXPECT_EQ(sys->file->listed, "/etc/sysctl.conf");
    EXPECT_EQ(sys->line.value, "50000");
}

TEST(SysctlEffective, InvalidLastValue) {
    // systemd-sysctl writes only the last value (the kernel rejects it: the default stays); procps
    // writes each line, so the last valid one stands.
    SysctlConfig c;
    c.files = {file("/etc/sysctl.d/50-a.conf", "net.netfilter.nf_conntrack_max = 1000\n"),
               file("/etc/sysctl.d/60-b.conf", "net.netfilter.nf_conntrack_max = 2k\n")};
    EXPECT_EQ(effective_assignment(c, kMax, SysctlReader::boot)->line.value, "2k");
    EXPECT_EQ(effective_assignment(c, kMax, SysctlReader::system)->line.value, "1000");
}

TEST(SysctlConflicts, LaterFilesOverrideOurs) {
    auto c = debian("net.netfilter.nf_conntrack_max = 50000\n",
                    {file("/etc/sysctl.d/99-zz-ctguard.conf", "net.netfilter.nf_conntrack_max = 29000\n"),
                     file("/usr/lib/sysctl.d/99-zzz.conf", "net.nf_conntrack_max = 70000\n"),
                     file("/usr/lib/sysctl.d/10-early.conf", "net.netfilter.nf_conntrack_max = 60000\n"),
                     file("/usr/lib/sysctl.d/99-zzzz.conf", "net.netfilter.nf_conntrack_max = 29000\n")});
    auto conflicts = key_conflicts(c, kMax, "/etc/sysctl.d/99-zz-ctguard.conf");
    ASSERT_EQ(conflicts.size(), 2u);  // the earlier file is harmless, the same value too
    EXPECT_EQ(conflicts[0].file, "/usr/lib/sysctl.d/99-zzz.conf");
    EXPECT_EQ(conflicts[0].key, "net.nf_conntrack_max");
    EXPECT_EQ(conflicts[0].value, 70000u);
    EXPECT_NE(conflicts[0].problem.find("sorts after /etc/sysctl.d/99-zz-ctguard.conf"), std::string::npos);
    EXPECT_EQ(conflicts[1].file, "/etc/sysctl.conf");  // once, although read twice
    EXPECT_NE(conflicts[1].problem.find("'sysctl --system' reads /etc/sysctl.conf last"), std::string::npos);
    EXPECT_TRUE(conflicts[1].fixable);
}

TEST(SysctlConflicts, WithoutOursTheBootWinnerIsTheReference) {
    auto c = debian("net.netfilter.nf_conntrack_max = 50000\n",
                    {file("/usr/lib/sysctl.d/99-zvendor.conf", "net.netfilter.nf_conntrack_max = 70000\n")});
    auto conflicts = key_conflicts(c, kMax, "/etc/sysctl.d/99-zz-ctguard.conf");
    ASSERT_EQ(conflicts.size(), 1u);
    EXPECT_EQ(conflicts[0].file, "/etc/sysctl.conf");
}

TEST(SysctlConflicts, BrokenLinesAndNonNumbers) {
    SysctlConfig c;
    c.files = {file("/etc/sysctl.d/50-paste.conf",
                    "net.netfilter.nf_conntrack_max 29000\nnet.netfilter.nf_conntrack_max = 29k\nother 1\n")};
    auto conflicts = key_conflicts(c, kMax, "");
    ASSERT_EQ(conflicts.size(), 2u);
    EXPECT_EQ(conflicts[0].line, 1u);
    EXPECT_EQ(conflicts[0].key, "net.netfilter.nf_conntrack_max 29000");
    EXPECT_EQ(conflicts[1].line, 2u);
    EXPECT_FALSE(conflicts[1].value);
}

TEST(SysctlConflicts, LegacyKeys) {
    auto c = debian(
        "net.ipv4.netfilter.ip_conntrack_max = 29000\n"
        "net/ipv4/netfilter/ip_conntrack_tcp_timeout_established=3600\n"
        "net.ipv4.netfilter.ip_conntrack_max 29000\n");
    auto conflicts = legacy_conflicts(c);
    ASSERT_EQ(conflicts.size(), 3u);
    EXPECT_EQ(conflicts[0].key, "net.ipv4.netfilter.ip_conntrack_max");
    EXPECT_NE(conflicts[0].problem.find("the key is net.netfilter.nf_conntrack_max"), std::string::npos);
    EXPECT_NE(conflicts[1].problem.find("the key is net.netfilter.nf_conntrack_tcp_timeout_established"),
              std::string::npos);
    EXPECT_EQ(conflicts[2].line, 3u);
}

TEST(SysctlEdit, SetReplacesEveryAliasOrAppends) {
    EXPECT_EQ(
        set_sysctl_value("# head\nnet.nf_conntrack_max=5\nkernel.x = 1\nnet.netfilter.nf_conntrack_max = 6\n",
                         kMax, "29000"),
        "# head\nnet.netfilter.nf_conntrack_max = 29000\nkernel.x = 1\nnet.netfilter.nf_conntrack_max = "
        "29000\n");
    EXPECT_EQ(set_sysctl_value("kernel.x = 1", kMax, "29000"),
              "kernel.x = 1\nnet.netfilter.nf_conntrack_max = 29000\n");
    EXPECT_EQ(set_sysctl_value("", kMax, "1"), "net.netfilter.nf_conntrack_max = 1\n");
}

TEST(SysctlEdit, CommentOutWithNotes) {
    EXPECT_EQ(comment_out_lines("a = 1\nb = 2\nc = 3\n", {{2, "why"}}),
              "a = 1\n# ctguard: disabled: why\n# b = 2\nc = 3\n");
}
