// Suspicion signals, the compromise rule, rotation, legitimate layouts, package databases of
// containers and upgrades, and allow.toml: no root, no kernel.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>

#include "analysis/allow_match.hpp"
#include "analysis/rotation.hpp"
#include "analysis/suspicion.hpp"
#include "collect/procs_collect.hpp"
#include "config/allow_config.hpp"
#include "host/package_owner.hpp"
#include "host/process_reader.hpp"
#include "lib/text.hpp"
#include "temp_tree.hpp"

using namespace ctguard;

namespace {

ProcessReport proc(int pid, const char* comm, const char* exe, std::optional<bool> owned) {
    ProcessReport p;
    p.info.pid = pid;
    p.info.ppid = 50;
    p.info.comm = comm;
    p.info.exe = exe;
    p.info.cmdline = exe;
    p.info.user_memory = true;
    p.package_owned = owned;
    return p;
}

const SuspicionContext& plain() {
    static const SuspicionContext ctx{NameModel::builtin(), nullptr, {}};
    return ctx;
}

ProcessReport judged(ProcessReport p, const SuspicionContext& ctx = plain()) {
    assess(p, ctx);
    return p;
}

std::vector<std::string> fired(const ProcessReport& p) {
    std::vector<std::string> out;
    for (const auto& s : p.signals) {
        if (s.fired) out.push_back(s.id);
    }
    return out;
}

bool has(const std::vector<std::string>& v, const std::string& s) {
    return std::find(v.begin(), v.end(), s) != v.end();
}

Signal sig(const char* id, SignalStrength s, bool fired) {
    return {id, s, 0, fired, ""};
}

}  // namespace

// The first example: two unpackaged binaries in /usr/local/bin, both children of PID 1 (two
// systemd services). The old rotation joined siblings in one directory, and the old score made each
// 0.30 + 0.15 + 0.10 = 0.55, a compromise with kill commands.
TEST(Rotation, SiblingsInOneDirectoryAreNotAGroup) {
    std::vector<ProcessReport> ps = {proc(20, "node_exporter", "/usr/local/bin/node_exporter", false),
                                     proc(21, "consul", "/usr/local/bin/consul", false)};
    ps[0].info.ppid = ps[1].info.ppid = 1;
    ps[0].sha256 = "aa11";
    ps[1].sha256 = "bb22";
    ps[0].flows.flows = ps[1].flows.flows = 5;
    EXPECT_TRUE(find_rotating_groups(ps).empty());
    for (auto& p : ps) {
        assess(p, plain());
        EXPECT_FALSE(p.suspicious) << p.info.comm << ": " << p.rule;
        EXPECT_LT(p.score, 1.0);
        EXPECT_EQ(fired(p), (std::vector<std::string>{"unpackaged", "detached"})) << p.info.comm;
    }
    // Run by systemd units (their cgroups say so): not even the weak signals fire.
    ps[0].info.cgroup = "/system.slice/node_exporter.service";
    assess(ps[0], plain());
    EXPECT_EQ(ps[0].unit, "node_exporter.service");
    EXPECT_TRUE(fired(ps[0]).empty()) << ps[0].rule;
}

TEST(Rotation, OneBinaryUnderSeveralNamesIsAGroup) {
    std::vector<ProcessReport> ps = {proc(20, "dmsFZqnoz13z", "/tmp/d/dmsFZqnoz13z", false),
                                     proc(21, "qwErTy12uiop", "/tmp/d/qwErTy12uiop", false),
                                     proc(22, "bash", "/usr/bin/bash", true), proc(23, "sh", "/usr/bin/bash", true),
                                     proc(24, "mytool", "/opt/t/mytool", false)};
    ps[0].sha256 = ps[1].sha256 = "ab12cd34ef56ab12cd34ef56";
    ps[1].born = true;
    ps[4].sha256 = "ffff";
    auto groups = find_rotating_groups(ps);
    ASSERT_EQ(groups.size(), 1u);  // package binaries and single names never rotate
    EXPECT_EQ(groups[0].id, "gab12cd34ef");
    EXPECT_EQ(groups[0].names, (std::vector<std::string>{"dmsFZqnoz13z", "qwErTy12uiop"}));
    EXPECT_EQ(groups[0].evidence, "one binary under 2 names");
    EXPECT_EQ(groups[0].respawns, 1u);
    EXPECT_EQ(ps[0].group, "gab12cd34ef");
    EXPECT_EQ(ps[2].group, "");
    for (auto& p : ps) assess(p, plain());
    judge_groups(groups, ps);
    EXPECT_TRUE(groups[0].suspicious);  // rotating + random names + /tmp
    EXPECT_TRUE(has(fired(ps[0]), "rotating"));

    // Copies a person made and named (the same build kept as "ctguard" and "ctguard-before-fix") are
    // one program, not rotation.
    std::vector<ProcessReport> copies = {proc(30, "ctguard", "/tmp/b/ctguard", false),
                                         proc(31, "ctguard-before-", "/tmp/b/ctguard-before-fix", false)};
    copies[0].sha256 = copies[1].sha256 = "cc";
    EXPECT_TRUE(find_rotating_groups(copies).empty());
}

// A shell running scripts in another root (a container, or the host seen from one): its forks are
// gone before that root's package database can be asked, so their ownership is unknown, not "none".
// One packaged shell under the scripts' names is not rotation; the same in a container without any
// package database (distroless malware) still is.
TEST(Rotation, ShortLivedForksOfUncheckedOwnershipAreNotAGroup) {
    std::vector<ProcessReport> ps = {proc(40, "build.sh", "/usr/bin/bash", std::nullopt),
                                     proc(41, "deploy.sh", "/usr/bin/bash", std::nullopt),
                                     proc(42, "bash", "/usr/bin/bash", std::nullopt)};
    for (auto& p : ps) {
        p.info.own_root = true;
        p.sha256 = "bashhash";
        p.born = p.exited = true;
    }
    for (auto& p : ps) p.ownership_unchecked = true;
    EXPECT_TRUE(find_rotating_groups(ps).empty());
    for (auto& p : ps) p.ownership_unchecked = false;  // asked, and the container has no database
    auto groups = find_rotating_groups(ps);
    ASSERT_EQ(groups.size(), 1u);
    EXPECT_EQ(groups[0].evidence, "one binary under 3 names");
}

// Copies with different hashes, each started by the last before it exited, under new names.
TEST(Rotation, ExecChainWithNewNamesIsAGroupOneHopIsNot) {
    auto link = [](int pid, int ppid, const char* name, uint64_t start) {
        std::string exe = std::string("/usr/bin/") + name;
        ProcessReport p = proc(pid, name, exe.c_str(), false);
        p.info.ppid = ppid;
        p.info.start_ticks = start;
        p.sha256 = std::string(name) + "-hash";  // every copy altered
        p.born = pid != 30;
        p.exited = true;
        return p;
    };
    // A launcher that starts its server and exits: one hop, two names. Not rotation.
    std::vector<ProcessReport> one = {link(30, 1, "launcher", 100), link(31, 30, "server", 101)};
    one[1].exited = false;
    EXPECT_TRUE(find_rotating_groups(one).empty());

    std::vector<ProcessReport> chain = {link(30, 1, "aaa", 100), link(31, 30, "bbb", 200), link(32, 31, "ccc", 300)};
    chain[2].exited = false;
    // An exec in place (same pid and start time) counts as a replacement too.
    chain.push_back(link(32, 31, "ddd", 300));
    chain[2].exited = true;
    chain[3].exited = false;
    auto groups = find_rotating_groups(chain);
    ASSERT_EQ(groups.size(), 1u);
    EXPECT_EQ(groups[0].names.size(), 4u);
    EXPECT_EQ(groups[0].evidence, "each replaced the last under a new name while watched (3 times)");

    // Siblings started one after another by a parent that stays (a CI runner, cron): not a chain.
    std::vector<ProcessReport> siblings = {link(40, 5, "aaa", 100), link(41, 5, "bbb", 200), link(42, 5, "ccc", 300)};
    EXPECT_TRUE(find_rotating_groups(siblings).empty());
}

TEST(Suspicion, RuleNeedsOneStrongOrTwoMedium) {
    using S = SignalStrength;
    EXPECT_FALSE(judge_signals({sig("a", S::weak, true), sig("b", S::weak, true), sig("c", S::weak, true),
                                sig("d", S::weak, true), sig("e", S::weak, true), sig("f", S::medium, true)},
                               "")
                     .suspicious);
    EXPECT_TRUE(judge_signals({sig("a", S::medium, true), sig("b", S::medium, true)}, "").suspicious);
    EXPECT_FALSE(judge_signals({sig("a", S::medium, true), sig("b", S::medium, false)}, "").suspicious);
    auto strong = judge_signals({sig("fileless", S::strong, true)}, "");
    EXPECT_TRUE(strong.suspicious);
    EXPECT_EQ(strong.rule, "suspicious: strong signal fileless");
    auto allowed = judge_signals({sig("fileless", S::strong, true)}, "path /opt/x/*");
    EXPECT_FALSE(allowed.suspicious);
    EXPECT_NE(allowed.rule.find("allowed by path /opt/x/*"), std::string::npos);

    // Every weak signal at once stays below the line; score 1 is reached exactly when the rule fires.
    auto p = proc(10, "weird", "/opt/a/b/thing", false);
    p.info.ppid = 1;
    p.info.exe_deleted = true;  // replaced on disk (the path is still there)
    p.flows.raw_sockets = 1;
    for (int i = 0; i < 70; ++i) p.flows.destinations.insert("198.18.1." + std::to_string(i));
    p = judged(p);
    EXPECT_EQ(fired(p), (std::vector<std::string>{"replaced_binary", "raw_sockets", "many_destinations",
                                                  "name_mismatch", "unpackaged", "detached"}));
    EXPECT_FALSE(p.suspicious);
    EXPECT_LT(p.score, kMediumWeight);
    p.info.ld_preload = "/opt/a/libx.so";
    p = judged(p);
    EXPECT_FALSE(p.suspicious);
    EXPECT_LT(p.score, 1.0);
}

TEST(Suspicion, StrongSignals) {
    // A miner calling itself a kernel thread, from a hidden directory in root's home (Outlaw).
    auto kswapd = judged(proc(10, "kswapd0", "/root/.configrc/a/kswapd0", false));
    EXPECT_TRUE(kswapd.suspicious);
    EXPECT_TRUE(has(fired(kswapd), "fake_kernel_thread"));
    // Only argv[0] borrowed: ps shows "[kworker/0:2]".
    auto argv = proc(11, "xmr", "/usr/local/bin/xmr", false);
    argv.info.cmdline = "[kworker/0:2] --donate-level 1";
    EXPECT_TRUE(has(fired(judged(argv)), "fake_kernel_thread"));
    // A real kernel thread is not judged at all.
    auto kthread = proc(2, "kworker/0:1", "", std::nullopt);
    kthread.info.kernel_thread = true;
    kthread.info.user_memory = false;
    EXPECT_TRUE(judged(kthread).signals.empty());

    // A daemon's name on another program; the daemon itself, busybox's applet and a build of its own are fine.
    auto fake_sshd = proc(12, "sshd", "/usr/bin/.x/updater", false);
    fake_sshd.info.cmdline = "sshd: root@pts/0";
    EXPECT_TRUE(has(fired(judged(fake_sshd)), "fake_daemon"));
    auto bpfdoor = proc(13, "/sbin/udevd -d", "/var/tmp/hald", false);
    EXPECT_TRUE(judged(bpfdoor).suspicious);
    EXPECT_FALSE(judged(proc(14, "sshd", "/usr/sbin/sshd", true)).suspicious);
    EXPECT_FALSE(judged(proc(15, "crond", "/bin/busybox", std::nullopt)).suspicious);
    // k3s's multi-call binary started as containerd.
    EXPECT_FALSE(has(fired(judged(proc(25, "containerd", "/var/lib/rancher/k3s/data/86bd/bin/k3s", false))),
                     "fake_daemon"));
    EXPECT_FALSE(judged(proc(16, "nginx", "/usr/local/nginx/sbin/nginx", false)).suspicious);
    EXPECT_FALSE(judged(proc(17, "mysqld", "/usr/sbin/mariadbd", true)).suspicious);

    auto memfd = proc(18, "x", "/memfd:x", std::nullopt);
    memfd.info.exe_deleted = true;
    memfd = judged(memfd);
    EXPECT_EQ(fired(memfd), (std::vector<std::string>{"fileless"}));
    EXPECT_TRUE(memfd.suspicious);
    EXPECT_TRUE(has(fired(judged(proc(19, "kdmtmpflush", "/dev/shm/kdmtmpflush", false))), "shm_binary"));

    // A rootkit preloaded from a hidden directory or /tmp, into a packaged program: strong on its own,
    // whichever of the paths (colon- or blank-separated) it is.
    for (const char* preload : {"/usr/lib/.l/libhide.so", "/lib/x86_64-linux-gnu/libm.so.6:/tmp/.X1/k.so",
                                "/opt/a.so /dev/shm/r.so"}) {
        auto hooked = proc(22, "curl", "/usr/bin/curl", true);
        hooked.info.ld_preload = preload;
        hooked = judged(hooked);
        EXPECT_EQ(fired(hooked), std::vector<std::string>{"ld_preload_hidden"}) << preload;
        EXPECT_TRUE(hooked.suspicious) << preload;
    }

    // Tsunami: a binary named sshd, posing as sshd, from a hidden directory in /tmp.
    auto tsunami = proc(23, "sshd", "/tmp/.s/sshd", false);
    tsunami.info.cmdline = "sshd: root@pts/0";
    tsunami = judged(tsunami);
    EXPECT_TRUE(has(fired(tsunami), "fake_daemon"));
    EXPECT_NE(tsunami.reasons[0].find("where no daemon is installed"), std::string::npos) << tsunami.reasons[0];
    // The same name from a build of its own in /opt is not a fake.
    EXPECT_FALSE(judged(proc(24, "sshd", "/opt/openssh/sbin/sshd", false)).suspicious);

    // SSH/telnet sweeps, most unanswered (Mirai, Kaiji); an Ansible run is answered.
    auto scanner = proc(20, "bot", "/usr/bin/bot", false);
    for (int i = 0; i < 40; ++i) scanner.flows.login_destinations.insert("198.18.2." + std::to_string(i));
    scanner.flows.login_unreplied = 35;
    EXPECT_TRUE(has(fired(judged(scanner)), "login_scan"));
    scanner.flows.login_unreplied = 3;
    EXPECT_FALSE(judged(scanner).suspicious);

    // The binary the audit found in /lib/udev.
    SuspicionContext ctx{NameModel::builtin(), nullptr, {{"cafe", "/lib/udev/udev"}}};
    auto dropped = proc(21, "udev", "/usr/bin/udev", false);
    dropped.sha256 = "cafe";
    dropped = judged(dropped, ctx);
    EXPECT_TRUE(dropped.suspicious);
    EXPECT_NE(dropped.reasons[0].find("/lib/udev/udev"), std::string::npos);
}

TEST(Suspicion, MediumSignalsCountInPairs) {
    // A random name from /tmp: two medium signals.
    auto bad = judged(proc(10, "dmsFZqnoz13z", "/tmp/.x/dmsFZqnoz13z", false));
    EXPECT_TRUE(bad.suspicious);
    EXPECT_EQ(bad.score, 1.0);
    EXPECT_NE(bad.reasons[0].find("looks random"), std::string::npos);
    // Inside /tmp a hidden directory is not counted twice.
    EXPECT_FALSE(has(fired(bad), "hidden_dir"));

    // Dofloo: a random name in /etc, where no program is installed.
    auto dofloo = judged(proc(16, "sfewfesfs", "/etc/sfewfesfs", false));
    EXPECT_EQ(fired(dofloo), (std::vector<std::string>{"random_name", "data_dir", "unpackaged"}));
    EXPECT_TRUE(dofloo.suspicious);
    // A hidden directory inside /etc is the same place, counted once.
    EXPECT_FALSE(judged(proc(17, "helper", "/etc/.cfg/helper", false)).suspicious);

    // A tool unpacked in /tmp, or one random-looking name alone: one medium signal, not suspicious.
    EXPECT_FALSE(judged(proc(11, "node_exporter", "/tmp/node_exporter-1.7.0/node_exporter", false)).suspicious);
    EXPECT_FALSE(judged(proc(12, "a9f3c01be7d2", "/usr/local/bin/a9f3c01be7d2", false)).suspicious);

    // A client of a service on a pool port (JMX on 9999, a backend on 3333): a mining port alone is
    // not a compromise...
    auto miner = proc(13, "xmrig", "/opt/xmrig/xmrig", false);
    miner.flows.mining_ports = {3333};
    miner.cpu = CpuUse{2, 60};
    EXPECT_FALSE(judged(miner).suspicious);
    // ...one whose binary was deleted once it ran is.
    miner.info.exe_deleted = miner.info.exe_path_gone = true;
    EXPECT_TRUE(judged(miner).suspicious);

    // A packaged daemon whose binary an upgrade replaced: nothing fires for the deletion.
    auto upgraded = proc(14, "sshd", "/usr/sbin/sshd", true);
    upgraded.info.exe_deleted = upgraded.info.exe_path_gone = true;
    upgraded.upgraded = true;
    upgraded.package = "openssh-server";
    upgraded = judged(upgraded);
    EXPECT_TRUE(fired(upgraded).empty());

    // LD_PRELOAD plus fan-out.
    auto preload = proc(15, "curl", "/usr/bin/curl", true);
    preload.info.ld_preload = "/usr/local/lib/libx.so";
    preload.flows.outbound = 100;
    preload.flows.unreplied = 90;
    EXPECT_EQ(fired(judged(preload)), (std::vector<std::string>{"ld_preload", "fan_out"}));
    EXPECT_TRUE(judged(preload).suspicious);
    // LD_PRELOAD alone, of a library in an ordinary place (jemalloc): one medium signal.
    auto jemalloc = proc(16, "redis-server", "/usr/bin/redis-server", true);
    jemalloc.info.ld_preload = "/usr/lib/x86_64-linux-gnu/libjemalloc.so.2";
    EXPECT_FALSE(judged(jemalloc).suspicious);
}

// A pool port with the CPU use of a miner is one (8220 Gang's sysupdate, run by a systemd unit it
// installed); the pool port without it, or the CPU without it, is not; the owner's own miner is
// allowed by name in allow.toml, and shown so.
TEST(Suspicion, MinerIsAPoolPortWithTheCpuToMatch) {
    auto miner = proc(20, "sysupdate", "/usr/local/bin/sysupdate", false);
    miner.info.cgroup = "/system.slice/sysupdate.service";
    miner.flows.mining_ports = {3333};
    miner.cpu = CpuUse{120, 100};
    auto m = judged(miner);
    EXPECT_TRUE(has(fired(m), "miner"));
    EXPECT_TRUE(m.suspicious);

    auto light = miner;
    light.cpu = CpuUse{10, 100};  // 0.1 cores: a client, not a miner
    EXPECT_FALSE(has(fired(judged(light)), "miner"));
    EXPECT_FALSE(judged(light).suspicious);
    auto burst = miner;
    burst.cpu = CpuUse{0.2, 0.3};  // 0.67 cores, but only the first 0.3 s of a start-up
    EXPECT_FALSE(has(fired(judged(burst)), "miner"));
    auto unknown = miner;
    unknown.cpu.reset();  // gone before its CPU time was read
    EXPECT_FALSE(has(fired(judged(unknown)), "miner"));
    auto busy = miner;
    busy.flows.mining_ports.clear();  // a busy build, no pool
    EXPECT_FALSE(has(fired(judged(busy)), "miner"));

    AllowList allow;
    allow.units = {"sysupdate.service"};
    allow.source = "/etc/ctguard/allow.toml";
    SuspicionContext ctx{NameModel::builtin(), &allow, {}};
    auto vouched = judged(miner, ctx);
    EXPECT_TRUE(has(fired(vouched), "miner"));
    EXPECT_FALSE(vouched.suspicious);
}

// Symbiote and libprocesshider are libraries LD_PRELOAD loads that replace readdir and fopen. An
// unpackaged one is a strong signal; a packaged one (fakechroot) or one that replaces other functions
// (jemalloc's malloc) is not.
TEST(Suspicion, PreloadedHidingLibraryIsARootkit) {
    auto agent = proc(21, "netmon", "/usr/local/bin/netmon", false);
    agent.info.ld_preload = "/usr/local/lib/libnetstat.so";
    agent.preloaded = {{"/usr/local/lib/libnetstat.so", {"readdir", "readdir64", "fopen"}, false, ""}};
    auto a = judged(agent);
    EXPECT_TRUE(has(fired(a), "preload_hooks"));
    EXPECT_TRUE(a.suspicious);

    auto packaged = agent;
    packaged.preloaded[0].package_owned = true;
    EXPECT_FALSE(has(fired(judged(packaged)), "preload_hooks"));
    auto allocator = agent;
    allocator.preloaded[0].hooks.clear();  // jemalloc defines malloc and free, nothing that hides
    EXPECT_FALSE(has(fired(judged(allocator)), "preload_hooks"));
    EXPECT_FALSE(judged(allocator).suspicious);
    auto unread = agent;
    unread.preloaded = {{"/usr/local/lib/libnetstat.so", {}, std::nullopt, "not loaded"}};
    EXPECT_FALSE(has(fired(judged(unread)), "preload_hooks"));
    // In a container without a package database, an unpackaged-looking hider is still one.
    auto container = agent;
    container.preloaded[0].package_owned.reset();
    EXPECT_TRUE(has(fired(judged(container)), "preload_hooks"));
}

// The third example: anything under a hidden directory scored 0.30, python under ~/.pyenv too.
TEST(Suspicion, KnownLayoutsAreNotHiddenOrTemporary) {
    struct Case {
        const char* exe;
        const char* layout;
    } cases[] = {
        {"/root/.pyenv/versions/3.11.4/bin/python3.11", "a pyenv Python"},
        {"/home/ann/.nvm/versions/node/v20.10.0/bin/node", "an nvm Node.js"},
        {"/home/ann/.cargo/bin/rg", "a cargo-installed tool"},
        {"/home/ann/.rustup/toolchains/stable-x86_64-unknown-linux-gnu/bin/rust-analyzer", "a rustup toolchain"},
        {"/home/ann/go/bin/gopls", "a Go toolchain or tool"},
        {"/home/ann/.sdkman/candidates/java/21.0.1-tem/bin/java", "an SDKMAN! SDK (JVMs, Gradle, Maven)"},
        {"/home/ann/.vscode-server/bin/0ee08df0cf4527e40edc9aa28f4b5bd38bbff2b2/node", "the VS Code remote server"},
        {"/home/ann/.cache/JetBrains/RemoteDev/dist/ideaIU/jbr/bin/java", "a JetBrains remote IDE backend"},
        {"/home/ann/.local/share/uv/python/cpython-3.12.7-linux-x86_64-gnu/bin/python3.12", "a uv-managed Python or tool"},
        {"/tmp/go-build2914410281/b001/exe/main", "a `go run` build"},
        {"/tmp/.mount_Obsidi2xQ9fk/obsidian", "an AppImage mount"},
        {"/snap/lxd/26200/bin/lxd", "a snap"},
        {"/var/lib/jenkins/.sdkman/candidates/gradle/8.5/bin/gradle", "an SDKMAN! SDK (JVMs, Gradle, Maven)"},
        {"/srv/shop/.venv/bin/python3.11", "a Python virtualenv"},
        {"/home/ann/.virtualenvs/shop/bin/python3", "a Python virtualenv"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.exe);
        EXPECT_EQ(known_layout(c.exe), c.layout);
        auto p = judged(proc(10, std::string(base_name(c.exe)).c_str(), c.exe, false));
        EXPECT_FALSE(has(fired(p), "hidden_dir"));
        EXPECT_FALSE(has(fired(p), "temp_dir"));
        EXPECT_FALSE(has(fired(p), "unpackaged"));
        EXPECT_FALSE(p.suspicious);
    }
    // Look-alikes elsewhere are not layouts.
    EXPECT_EQ(known_layout("/tmp/.pyenv/versions/x"), "");
    EXPECT_EQ(known_layout("/tmp/go-buildX/b001/exe/main"), "");
    EXPECT_EQ(known_layout("/usr/lib/.x/y"), "");
    EXPECT_EQ(known_layout("/tmp/.venv/bin/python3"), "");  // in /tmp it is still temporary
    EXPECT_EQ(known_layout("/srv/shop/.venv/bin/miner"), "");  // only the interpreter
    EXPECT_TRUE(has(fired(judged(proc(11, "y", "/usr/lib/.x/y", false))), "hidden_dir"));
    // A JVM under /opt run by a unit: nothing fires.
    auto jvm = proc(12, "java", "/opt/jdk-21/bin/java", false);
    jvm.info.ppid = 1;
    jvm.info.cgroup = "/system.slice/kafka.service";
    EXPECT_TRUE(fired(judged(jvm)).empty());
}

TEST(Suspicion, NamesUnitsAndProcParsers) {
    EXPECT_TRUE(looks_like_kernel_thread("kworker/0:1-events"));
    EXPECT_TRUE(looks_like_kernel_thread("[ksoftirqd/3]"));
    EXPECT_TRUE(looks_like_kernel_thread("kdevtmpfsi"));
    EXPECT_FALSE(looks_like_kernel_thread("watchdog"));  // Debian's watchdog daemon
    EXPECT_FALSE(looks_like_kernel_thread("ksmtuned"));
    EXPECT_EQ(claimed_daemon("sshd: root@pts/0"), "sshd");
    EXPECT_EQ(claimed_daemon("/sbin/udevd -d"), "udevd");
    EXPECT_EQ(claimed_daemon("avahi-daemon: chroot helper"), "avahi-daemon");
    EXPECT_EQ(claimed_daemon("sshd-session"), "");

    EXPECT_EQ(systemd_unit("/system.slice/node_exporter.service"), "node_exporter.service");
    EXPECT_EQ(systemd_unit("/user.slice/user-1000.slice/user@1000.service/app.slice/syncthing.service"),
              "syncthing.service");
    EXPECT_EQ(systemd_unit("/system.slice/docker-4f1c.scope"), "");
    EXPECT_EQ(systemd_unit("/"), "");

    EXPECT_EQ(parse_cgroup_path("0::/system.slice/consul.service\n"), "/system.slice/consul.service");
    EXPECT_EQ(parse_cgroup_path("12:pids:/x\n1:name=systemd:/system.slice/cron.service\n0::/\n"),
              "/system.slice/cron.service");
    EXPECT_EQ(parse_cgroup_path("garbage"), "");
    using namespace std::string_literals;
    EXPECT_EQ(parse_environ_value("HOME=/root\0LD_PRELOAD=/tmp/x.so\0PATH=/bin\0"s, "LD_PRELOAD"), "/tmp/x.so");
    EXPECT_FALSE(parse_environ_value("LD_PRELOADX=1\0"s, "LD_PRELOAD"));
    EXPECT_TRUE(parse_status_user_memory("Name:\tx\nVmSize:\t 1000 kB\n"));
    EXPECT_FALSE(parse_status_user_memory("Name:\tkworker\nThreads:\t1\n"));

    auto apk = parse_apk_installed("P:busybox\nV:1.36\nF:bin\nR:busybox\n\nP:nginx\nF:usr/sbin\nR:nginx\nF:etc\nR:x\n");
    ASSERT_EQ(apk.size(), 3u);
    EXPECT_EQ(apk[0], (std::pair<std::string, std::string>{"busybox", "/bin/busybox"}));
    EXPECT_EQ(apk[1], (std::pair<std::string, std::string>{"nginx", "/usr/sbin/nginx"}));
}

namespace {

// A /proc/PID entry of a --root tree: stat, status, exe link (and cgroup when given).
void make_proc(const TempTree& t, int pid, const std::string& comm, const std::string& exe_link) {
    const std::string d = "/proc/" + std::to_string(pid);
    t.write(d + "/stat", std::to_string(pid) + " (" + comm + ") S 1 " + std::to_string(pid) + " " +
                             std::to_string(pid) + " 0 -1 4194560 0 0 0 0 0 0 0 0 20 0 1 0 500 0 0\n");
    t.write(d + "/status", "Name:\t" + comm + "\nUid:\t0\t0\t0\t0\nVmSize:\t1000 kB\n");
    ASSERT_EQ(::symlink(exe_link.c_str(), (t.dir() + d + "/exe").c_str()), 0);
}

const ProcessReport& by_pid(const ProcsReport& r, int pid) {
    auto it = std::find_if(r.processes.begin(), r.processes.end(), [&](const auto& p) { return p.info.pid == pid; });
    if (it == r.processes.end()) throw std::runtime_error("no pid " + std::to_string(pid));
    return *it;
}

}  // namespace

// The second and fourth examples. A packaged daemon whose binary an upgrade replaced counted as
// unpackaged once its old file was deleted; a container's binaries were judged by the host's dpkg.
TEST(PackageOwners, UpgradesAndContainers) {
    TempTree t;
    t.write("/var/lib/dpkg/info/openssh-server.list", "/usr/sbin/sshd\n");
    t.write("/usr/sbin/sshd", "the new sshd\n", 0755);
    make_proc(t, 100, "sshd", "/usr/sbin/sshd (deleted)");
    make_proc(t, 101, "tool", "/opt/tool (deleted)");  // deleted, nothing there now
    // A Debian container (its own dpkg), an Alpine one (apk) and one with neither (rpm, distroless).
    t.write("/proc/200/root/var/lib/dpkg/info/nginx-core.list", "/usr/sbin/nginx\n");
    make_proc(t, 200, "nginx", "/usr/sbin/nginx");
    make_proc(t, 201, "mystery", "/usr/local/bin/mystery");
    t.mkdir("/proc/201/root/var/lib/dpkg/info");  // dpkg there, but it did not install this
    t.write("/proc/300/root/lib/apk/db/installed", "P:busybox\nF:bin\nR:busybox\n");
    make_proc(t, 300, "crond", "/bin/busybox");
    t.mkdir("/proc/400/root/usr/bin");
    make_proc(t, 400, "app", "/usr/bin/app");

    ProcessCollector collector(t.root());
    ASSERT_TRUE(collector.snapshot().ok());
    auto r = collector.finish({NameModel::builtin(), nullptr, {}});

    const auto& sshd = by_pid(r, 100);
    EXPECT_EQ(sshd.package_owned, true);
    EXPECT_TRUE(sshd.upgraded);
    EXPECT_FALSE(sshd.info.exe_path_gone);
    EXPECT_EQ(fired(sshd), std::vector<std::string>{"detached"}) << sshd.rule;
    const auto& tool = by_pid(r, 101);
    EXPECT_TRUE(tool.info.exe_path_gone);
    EXPECT_TRUE(has(fired(tool), "deleted_binary"));

    const auto& nginx = by_pid(r, 200);
    EXPECT_TRUE(nginx.info.own_root);
    EXPECT_EQ(nginx.package_owned, true);
    EXPECT_EQ(nginx.package, "nginx-core");
    EXPECT_EQ(nginx.package_db, "container dpkg");
    EXPECT_EQ(by_pid(r, 201).package_owned, false);
    const auto& crond = by_pid(r, 300);
    EXPECT_EQ(crond.package_owned, true);
    EXPECT_EQ(crond.package_db, "container apk");
    EXPECT_FALSE(crond.suspicious);
    const auto& app = by_pid(r, 400);
    EXPECT_FALSE(app.package_owned.has_value());  // not "unpackaged": nobody to ask
    EXPECT_FALSE(has(fired(app), "unpackaged"));
}

TEST(AllowList, ParsesAndMatches) {
    const std::string sha(64, 'a');
    auto a = parse_allow_list("sha256 = \"" + sha + "\"\npath = [\"/opt/acme/*\"]\nunit = \"consul.service\"\n"
                              "package = [\"xmrig\"]\n",
                              "allow.toml");
    ASSERT_TRUE(a.ok()) << a.error().why;
    EXPECT_EQ(a->sha256, std::vector<std::string>{sha});

    auto p = proc(10, "x", "/opt/acme/bin/x", false);
    EXPECT_EQ(allowed_by(*a, p), "path /opt/acme/*");
    p.info.exe = "/usr/bin/x";
    EXPECT_EQ(allowed_by(*a, p), "");
    p.sha256 = sha;
    EXPECT_EQ(allowed_by(*a, p), "sha256 " + sha);
    p.sha256.clear();
    p.unit = "consul.service";
    EXPECT_EQ(allowed_by(*a, p), "unit consul.service");
    p.unit.clear();
    p.package = "xmrig:amd64";
    EXPECT_EQ(allowed_by(*a, p), "package xmrig");

    // An allowed process keeps its signals and is reported as allowed.
    SuspicionContext ctx{NameModel::builtin(), &*a, {}};
    auto miner = judged(proc(11, "kswapd0", "/opt/acme/kswapd0", false), ctx);
    EXPECT_FALSE(miner.suspicious);
    EXPECT_EQ(miner.allowed_by, "path /opt/acme/*");
    EXPECT_TRUE(has(fired(miner), "fake_kernel_thread"));

    struct Bad {
        const char* text;
        const char* error;
    } bad[] = {
        {"sha256 = \"abc\"\n", "allow.toml:1"},
        {"path = \"relative/*\"\n", "must be an absolute path"},
        {"unit = 3\n", "must be a string or an array of strings"},
        {"hosts = [\"x\"]\n", "unknown key"},
        {"path = [\"/a\"\n", "syntax"},
    };
    for (const auto& b : bad) {
        auto r = parse_allow_list(b.text, "allow.toml");
        ASSERT_FALSE(r.ok()) << b.text;
        EXPECT_NE((r.error().what + ": " + r.error().why).find(b.error), std::string::npos)
            << r.error().what << ": " << r.error().why;
        EXPECT_EQ(r.error().code, Exit::usage);
    }
}
