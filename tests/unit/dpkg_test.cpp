#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>

#include "analysis/name_model.hpp"
#include "collect/procs_collect.hpp"
#include "host/dpkg.hpp"
#include "host/persistence_scan.hpp"
#include "temp_tree.hpp"

using namespace ctguard;

TEST(Dpkg, OwnersAndChecksums) {
    TempTree t;
    t.write("/var/lib/dpkg/info/procps.list", "/.\n/bin\n/bin/ps\n/usr/bin/top\n");
    t.write("/var/lib/dpkg/info/procps.md5sums",
            "08a07e7517a09d2f40e2618eff4adf22  bin/ps\ncacf6bcf70953d709299c228cd39556b  usr/bin/top\n");
    t.write("/var/lib/dpkg/info/libc6:amd64.list", "/lib/x86_64-linux-gnu/libc.so.6\n");
    auto db = DpkgFiles::load(t.root(),
                              {"/bin/ps", "/usr/bin/top", "/lib/x86_64-linux-gnu/libc.so.6", "/bin/evil"});
    EXPECT_TRUE(db.available());
    EXPECT_EQ(db.owner("/bin/ps"), "procps");
    EXPECT_EQ(db.owner("/lib/x86_64-linux-gnu/libc.so.6"), "libc6:amd64");
    EXPECT_FALSE(db.owner("/bin/evil"));
    EXPECT_FALSE(db.owner("/usr/bin/ps"));  // /bin is a real directory here, not merged into /usr
    EXPECT_EQ(db.md5sum("/usr/bin/top"), "cacf6bcf70953d709299c228cd39556b");
    EXPECT_FALSE(db.md5sum("/bin/evil"));
}

TEST(Dpkg, ConffilesOfRemovedPackagesAreOwned) {
    TempTree t;
    t.mkdir("/var/lib/dpkg/info");  // apache2.list went with the package
    t.write("/var/lib/dpkg/status",
            "Package: apache2\nStatus: deinstall ok config-files\nConffiles:\n /etc/init.d/apache2 87b4ba5d\n"
            " /etc/cron.daily/apache2 1234 obsolete\nDescription: web server\n more text /etc/init.d/evil\n\n"
            "Package: other\nStatus: install ok installed\n");
    auto db =
        DpkgFiles::load(t.root(), {"/etc/init.d/apache2", "/etc/cron.daily/apache2", "/etc/init.d/evil"});
    EXPECT_EQ(db.owner("/etc/init.d/apache2"), "apache2");
    EXPECT_EQ(db.owner("/etc/cron.daily/apache2"), "apache2");
    EXPECT_FALSE(db.owner("/etc/init.d/evil"));  // a Description line, not a conffile
}

TEST(Dpkg, MergedUsrAliases) {
    TempTree t;
    t.mkdir("/usr/bin");
    ASSERT_EQ(::symlink("usr/bin", (t.dir() + "/bin").c_str()), 0);
    t.write("/var/lib/dpkg/info/procps.list", "/bin/ps\n");
    t.write("/var/lib/dpkg/info/procps.md5sums", "08a07e7517a09d2f40e2618eff4adf22  bin/ps\n");
    auto db = DpkgFiles::load(t.root(), {"/usr/bin/ps"});
    EXPECT_EQ(db.owner("/usr/bin/ps"), "procps");
    EXPECT_EQ(db.md5sum("/usr/bin/ps"), "08a07e7517a09d2f40e2618eff4adf22");
}

TEST(Dpkg, ParsersOfTheThreeFormats) {
    EXPECT_EQ(parse_dpkg_list("/.\n/bin/ps\n\n/usr/bin/top"), (std::vector<std::string_view>{"/.", "/bin/ps", "/usr/bin/top"}));
    auto conffiles = parse_dpkg_conffiles(
        "Conffiles:\n /etc/orphan 1\nPackage: a\nConffiles:\n /etc/a.conf 11\n /etc/b.conf 22 obsolete\n"
        "Description: x\n /etc/not-a-conffile\nPackage: b\nConffiles:\n \n /etc/b 3\n");
    ASSERT_EQ(conffiles.size(), 4u);
    EXPECT_EQ(conffiles[0].package, "");  // before any Package: line
    EXPECT_EQ(conffiles[1].package, "a");
    EXPECT_EQ(conffiles[1].path, "/etc/a.conf");
    EXPECT_EQ(conffiles[2].path, "/etc/b.conf");
    EXPECT_EQ(conffiles[3].package, "b");
    EXPECT_EQ(conffiles[3].path, "/etc/b");  // after a blank continuation line, which is skipped
    auto sums = parse_dpkg_md5sums(
        "08a07e7517a09d2f40e2618eff4adf22  bin/ps\nshort  x\n08a07e7517a09d2f40e2618eff4adf22  \n");
    ASSERT_EQ(sums.size(), 2u);
    EXPECT_EQ(sums[0].md5, "08a07e7517a09d2f40e2618eff4adf22");
    EXPECT_EQ(sums[0].path, "/bin/ps");
    EXPECT_EQ(sums[1].path, "/");
}

TEST(Dpkg, NoDatabase) {
    TempTree t;
    EXPECT_FALSE(DpkgFiles::load(t.root(), {"/bin/ps"}).available());
}

// `procs` (is a process's binary packaged?) and `audit` (which package installed this ps?) read dpkg
// through one reader: with merged /usr, /bin/ps in the package list is the /usr/bin/ps the kernel
// reports; without it, they are different files. Both say the same either way.
TEST(Dpkg, ProcsAndAuditAgree) {
    for (bool merged : {true, false}) {
        SCOPED_TRACE(merged ? "merged /usr" : "separate /bin");
        TempTree t;
        t.write("/usr/bin/ps", "the packaged ps\n", 0755);
        if (merged) {
            ASSERT_EQ(::symlink("usr/bin", (t.dir() + "/bin").c_str()), 0);
        }
        t.write("/var/lib/dpkg/info/procps.list", "/bin/ps\n");
        t.write("/proc/100/stat", "100 (ps) S 1 100 100 0 -1 4194560 0 0 0 0 0 0 0 0 20 0 1 0 500 0 0\n");
        t.write("/proc/100/status", "Name:\tps\nUid:\t0\t0\t0\t0\n");
        ASSERT_EQ(::symlink("/usr/bin/ps", (t.dir() + "/proc/100/exe").c_str()), 0);

        std::vector<std::string> notes;
        auto scan = scan_persistence(t.root(), {}, notes);
        auto ps = std::find_if(scan.binaries.begin(), scan.binaries.end(),
                               [](const auto& b) { return b.path.ends_with("/ps"); });
        ASSERT_NE(ps, scan.binaries.end());
        const bool audit_says = !ps->package.empty();

        ProcessCollector collector(t.root());
        ASSERT_TRUE(collector.snapshot().ok());
        auto report = collector.finish({NameModel::builtin(), nullptr, {}});
        auto p = std::find_if(report.processes.begin(), report.processes.end(),
                              [](const auto& p) { return p.info.pid == 100; });
        ASSERT_NE(p, report.processes.end());
        ASSERT_TRUE(p->package_owned.has_value());

        EXPECT_EQ(audit_says, merged);
        EXPECT_EQ(*p->package_owned, merged);
    }
}
