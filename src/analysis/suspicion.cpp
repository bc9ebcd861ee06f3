#include "analysis/suspicion.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <initializer_list>

#include "analysis/allow_match.hpp"
#include "lib/text.hpp"

namespace ctguard {

namespace {

// Prefixes of the names the kernel gives its threads. Look-alikes count too: "kworkerds",
// "kswapd0" and "kdevtmpfsi" are miners' names, never a real program's.
constexpr std::string_view kKernelThreadPrefixes[] = {
    "kworker",  "ksoftirqd",  "kswapd", "kthreadd", "kdevtmpfs", "khugepaged", "kcompactd", "kauditd",
    "khungtaskd", "ksmd",     "kblockd", "kintegrityd", "kthrotld", "migration/", "rcu_",   "watchdog/",
    "jbd2/",    "irq/",       "cpuhp/", "oom_reaper", "xfsaild",  "scsi_eh_",   "pool_workqueue", "bioset"};

// Daemons whose names malware borrows (XOR.DDoS, BPFDoor, Kinsing, TeamTNT reports): a process that
// calls itself one of these should be running that daemon's binary.
// Not "init": a container's entrypoint script is often called so, and runs under its interpreter.
constexpr std::string_view kWellKnownDaemons[] = {
    "sshd",          "systemd",         "crond",           "cron",
    "atd",           "dbus-daemon",     "rsyslogd",       "syslogd",         "systemd-journal",
    "systemd-logind", "systemd-udevd",  "udevd",          "agetty",          "getty",
    "polkitd",       "avahi-daemon",    "console-kit-dae", "hald-addon-acpi", "pickup",
    "qmgr",          "nginx",           "httpd",          "apache2",         "mysqld",
    "irqbalance",    "auditd",          "chronyd",        "ntpd",            "containerd",
    "dockerd"};

// Multi-call binaries run under their applets' names (busybox's crond and syslogd).
// Multi-call binaries: one program under many names. k3s links containerd, ctr, crictl and kubectl to
// itself, and its processes are named after the link they were started by.
constexpr std::string_view kMultiCall[] = {"busybox", "toybox", "k3s"};

// Hidden directories in a home (/root, /home/USER, /var/lib/SERVICE) where runtimes, version
// managers and remote IDEs keep their binaries.
constexpr std::pair<std::string_view, std::string_view> kHomeLayouts[] = {
    {".pyenv/versions/", "a pyenv Python"},
    {".nvm/versions/", "an nvm Node.js"},
    {".volta/", "a Volta Node.js"},
    {".bun/bin/", "a Bun runtime"},
    {".deno/bin/", "a Deno runtime"},
    {".cargo/bin/", "a cargo-installed tool"},
    {".rustup/toolchains/", "a rustup toolchain"},
    {".sdkman/candidates/", "an SDKMAN! SDK (JVMs, Gradle, Maven)"},
    {".jdks/", "a JDK downloaded by an IDE"},
    {".gradle/jdks/", "a JDK downloaded by Gradle"},
    {".asdf/installs/", "an asdf-managed runtime"},
    {".local/share/mise/installs/", "a mise-managed runtime"},
    {".rbenv/versions/", "an rbenv Ruby"},
    {".goenv/versions/", "a goenv Go"},
    {".conda/", "a conda environment"},
    {".vscode-server/", "the VS Code remote server"},
    {".vscode-server-insiders/", "the VS Code remote server"},
    {".cursor-server/", "the Cursor remote server"},
    {".cache/JetBrains/", "a JetBrains remote IDE backend"},
    {".local/share/JetBrains/", "a JetBrains remote IDE backend"},
    {".local/share/flatpak/", "a flatpak app"},
    {".local/share/uv/", "a uv-managed Python or tool"},
    {".local/share/pnpm/", "a pnpm-installed tool"},
    {".local/bin/", "a tool in ~/.local/bin (pip, pipx)"},
};

// The part of `exe` after a home directory ("/root/", "/home/USER/", "/var/lib/SERVICE/"), or npos.
size_t after_home(std::string_view exe) {
    if (exe.starts_with("/root/")) return 6;
    for (std::string_view top : {"/home/", "/var/lib/"}) {
        if (!exe.starts_with(top)) continue;
        size_t slash = exe.find('/', top.size());
        return slash == std::string_view::npos ? slash : slash + 1;
    }
    return std::string_view::npos;
}

bool all_digits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The one of `dirs` (each with its trailing slash) that `exe` is under, without the slash; "" for none.
std::string dir_among(std::string_view exe, std::initializer_list<std::string_view> dirs) {
    for (std::string_view dir : dirs) {
        if (exe.starts_with(dir)) return std::string(dir.substr(0, dir.size() - 1));
    }
    return "";
}

std::string temp_dir_of(std::string_view exe) {
    return dir_among(exe, {"/tmp/", "/var/tmp/", "/run/user/"});
}

// Directories that hold configuration, logs and mail, where no package installs a program (Dofloo
// copies itself to /etc/NAME). /proc/PID/exe resolves symlinks, so /etc/alternatives is not here.
std::string data_dir_of(std::string_view exe) {
    return dir_among(exe, {"/etc/", "/boot/", "/var/log/", "/var/spool/", "/var/mail/"});
}

bool on_shm(std::string_view exe) {
    return exe.starts_with("/dev/shm/") || exe.starts_with("/run/shm/");
}

// Any directory component starting with a dot ("/root/.cache/x", "/usr/lib/.x/y").
bool in_hidden_dir(std::string_view exe) {
    std::string_view dirs = exe.substr(0, exe.rfind('/') + 1);
    for (size_t i = 0; (i = dirs.find("/.", i)) != std::string_view::npos; ++i) {
        std::string_view rest = dirs.substr(i + 2);
        if (!rest.empty() && rest[0] != '/' && !rest.starts_with("./")) return true;
    }
    return false;
}

// Where nothing is ever installed: a temporary directory, /dev/shm, a hidden directory.
bool in_hiding_place(std::string_view path) {
    return !temp_dir_of(path).empty() || on_shm(path) || in_hidden_dir(path);
}

// One of LD_PRELOAD's libraries where no library is installed.
bool preloads_from_hiding_place(std::string_view ld_preload) {
    auto entries = preload_entries(ld_preload);
    return std::any_of(entries.begin(), entries.end(), in_hiding_place);
}

// "sshd: root@pts/0" -> "sshd", "/sbin/udevd -d" -> "udevd", "[kworker/0:1]" -> "kworker/0:1".
std::string_view bare_name(std::string_view name) {
    if (name.starts_with('[') && name.ends_with(']')) name = name.substr(1, name.size() - 2);
    return name.substr(0, name.find(' '));
}

std::string_view argv0(const ProcessInfo& i) {
    return bare_name(std::string_view(i.cmdline).substr(0, i.cmdline.find(' ')));
}

Signal one_signal(std::string id, SignalStrength strength, bool fired, std::string reason) {
    double weight = strength == SignalStrength::strong   ? kStrongWeight
                    : strength == SignalStrength::medium ? kMediumWeight
                                                         : kWeakWeight;
    return {std::move(id), strength, weight, fired, std::move(reason)};
}

}  // namespace

bool names_related(std::string_view comm, std::string_view exe_name) {
    std::string_view exe_cut = exe_name.substr(0, kNameMaxLength);
    return exe_cut.substr(0, comm.size()) == comm || comm.substr(0, exe_cut.size()) == exe_cut;
}

std::string systemd_unit(std::string_view cgroup) {
    std::string unit;
    for (auto part : split(cgroup, '/')) {
        if (part.size() > 8 && part.ends_with(".service")) unit = part;
    }
    return unit;
}

std::string known_layout(std::string_view exe) {
    // `go run` builds in /tmp/go-buildNNN/bNNN/exe/NAME; AppImages mount themselves on /tmp/.mount_NAMExxxxxx.
    if (exe.starts_with("/tmp/go-build") && all_digits(exe.substr(13, exe.find('/', 13) - 13)))
        return "a `go run` build";
    if (exe.starts_with("/tmp/.mount_")) return "an AppImage mount";
    if (exe.starts_with("/snap/")) return "a snap";
    // A Python virtualenv's interpreter (`python -m venv .venv`, virtualenvwrapper), outside /tmp.
    if (base_name(exe).starts_with("python") && temp_dir_of(exe).empty() &&
        (exe.find("/.venv/bin/") != std::string_view::npos || exe.find("/.virtualenvs/") != std::string_view::npos))
        return "a Python virtualenv";
    if (exe.starts_with("/var/lib/flatpak/")) return "a flatpak app";
    if (size_t at = after_home(exe); at != std::string_view::npos) {
        std::string_view rest = exe.substr(at);
        for (const auto& [prefix, what] : kHomeLayouts) {
            if (rest.starts_with(prefix)) return std::string(what);
        }
        if (rest.starts_with("go/bin/") || rest.starts_with("go/pkg/") || rest.starts_with("sdk/go"))
            return "a Go toolchain or tool";
    }
    return "";
}

bool looks_like_kernel_thread(std::string_view name) {
    name = bare_name(name);
    return std::any_of(std::begin(kKernelThreadPrefixes), std::end(kKernelThreadPrefixes),
                       [&](std::string_view p) { return name.starts_with(p); });
}

std::string claimed_daemon(std::string_view name) {
    name = bare_name(name);
    name = name.substr(0, name.find(':'));
    name = base_name(name);
    for (std::string_view d : kWellKnownDaemons) {
        if (name == d) return std::string(d);
    }
    return "";
}

const std::vector<std::string_view>& hiding_functions() {
    static const std::vector<std::string_view> names = {"readdir",  "readdir64", "readdir_r", "readdir64_r",
                                                        "fopen",    "fopen64",   "pcap_loop", "pcap_next_ex",
                                                        "pcap_stats"};
    return names;
}

SignalJudgement judge_signals(const std::vector<Signal>& signals, const std::string& allowed_by) {
    std::vector<std::string> strong, medium;
    for (const auto& s : signals) {
        if (!s.fired) continue;
        if (s.strength == SignalStrength::strong) strong.push_back(s.id);
        if (s.strength == SignalStrength::medium) medium.push_back(s.id);
    }
    const bool bad = !strong.empty() || medium.size() >= 2;
    if (!allowed_by.empty()) {
        return {false, "allowed by " + allowed_by + " (allow.toml)" +
                           (bad ? ": not called suspicious although its signals would make it so" : "")};
    }
    if (!strong.empty()) return {true, "suspicious: strong signal " + join(strong, ", ")};
    if (bad) return {true, "suspicious: two medium signals, " + join(medium, ", ")};
    return {false, fmt::format("not suspicious: no strong signal and {} medium ({}); it takes one strong or two "
                               "medium",
                               medium.size(), medium.empty() ? "none" : join(medium, ", "))};
}

void assess(ProcessReport& p, const SuspicionContext& ctx) {
    p.signals.clear();
    p.reasons.clear();
    p.score = 0;
    p.suspicious = false;
    p.rule.clear();
    const ProcessInfo& i = p.info;
    p.name_score = ctx.model.score(i.comm);
    if (i.kernel_thread) {
        p.rule = "a kernel thread: not judged";
        return;
    }
    p.unit = systemd_unit(i.cgroup);
    p.layout = known_layout(i.exe);
    p.allowed_by = ctx.allow ? allowed_by(*ctx.allow, p) : "";

    using S = SignalStrength;
    auto& out = p.signals;
    const std::string_view exe_name = base_name(i.exe);
    const bool memfd = i.exe.starts_with("/memfd:");
    const std::string_view arg0 = argv0(i);

    // Strong.
    {
        std::string_view claim = looks_like_kernel_thread(i.comm) ? std::string_view(i.comm)
                                 : looks_like_kernel_thread(arg0) ? arg0
                                                                  : std::string_view();
        bool fired = !claim.empty() && !i.exe.empty() && i.user_memory;
        out.push_back(one_signal("fake_kernel_thread", S::strong, fired,
                           fired ? fmt::format("calls itself '{}' like a kernel thread, but runs {} in user memory",
                                               claim, i.exe)
                                 : "a kernel thread's name (kworker, ksoftirqd, kswapd...) on a process with a binary"));
    }
    {
        std::string claim = claimed_daemon(i.comm);
        if (claim.empty()) claim = claimed_daemon(arg0);
        bool multi_call = std::find(std::begin(kMultiCall), std::end(kMultiCall), exe_name) != std::end(kMultiCall);
        bool other_program = !names_related(claim.substr(0, kNameMaxLength), exe_name);
        // A binary named like the daemon is still a fake where no daemon is ever installed (Tsunami's
        // /tmp/.s/sshd); a build of its own in /usr/local or /opt is not.
        bool out_of_place = in_hiding_place(i.exe);
        bool fired = !claim.empty() && !i.exe.empty() && p.package_owned != true && !multi_call &&
                     (other_program || out_of_place);
        out.push_back(one_signal(
            "fake_daemon", S::strong, fired,
            !fired           ? "a well-known daemon's name (sshd, systemd, crond...) on another program, or on a "
                               "binary in a temporary or hidden directory"
            : other_program ? fmt::format("calls itself '{}' but runs {}, which is not that daemon's binary", claim,
                                          i.exe)
                            : fmt::format("calls itself '{}' and runs {}, where no daemon is installed", claim, i.exe)));
    }
    out.push_back(one_signal("fileless", S::strong, memfd,
                       memfd ? "runs from memory with no file on disk: " + i.exe
                             : "a binary that is a memfd (run from memory, nothing on disk)"));
    out.push_back(one_signal("shm_binary", S::strong, on_shm(i.exe),
                       on_shm(i.exe) ? "runs from /dev/shm: " + i.exe : "a binary on /dev/shm"));
    {
        bool fired = preloads_from_hiding_place(i.ld_preload);
        out.push_back(one_signal("ld_preload_hidden", S::strong, fired,
                                 fired ? "LD_PRELOAD loads " + i.ld_preload +
                                             " into it, from a temporary or hidden directory (a userland rootkit)"
                                       : "LD_PRELOAD of a library in /tmp, /var/tmp, /run/user, /dev/shm or a hidden "
                                         "directory"));
    }
    {
        const auto& f = p.flows;
        bool fired = f.login_destinations.size() >= kLoginScanDestinations &&
                     f.login_unreplied * 2 >= f.login_destinations.size();
        out.push_back(one_signal("login_scan", S::strong, fired,
                           fired ? fmt::format("scans SSH/telnet: connections to {} hosts on ports 22/23/2222/2323, "
                                               "{} unanswered",
                                               f.login_destinations.size(), f.login_unreplied)
                                 : fmt::format("outbound SSH/telnet to >= {} hosts, at least half unanswered",
                                               kLoginScanDestinations)));
    }
    {
        auto drop = p.sha256.empty() ? ctx.dropped.end() : ctx.dropped.find(p.sha256);
        bool fired = drop != ctx.dropped.end();
        out.push_back(one_signal("persistence_drop", S::strong, fired,
                           fired ? "its binary is the program the audit found dropped at " + drop->second
                                 : "the same binary as one the audit found dropped where malware persists"));
    }

    {
        // A packaged library that replaces readdir is a tool's (fakechroot); an unpackaged one is
        // what libprocesshider and Symbiote are.
        std::vector<std::string> hooking;
        for (const auto& lib : p.preloaded) {
            if (!lib.hooks.empty() && lib.package_owned != true)
                hooking.push_back(fmt::format("{} ({})", lib.path, fmt::join(lib.hooks, ", ")));
        }
        bool fired = !hooking.empty();
        out.push_back(one_signal(
            "preload_hooks", S::strong, fired,
            fired ? fmt::format("LD_PRELOAD loads {}, from no package, replacing what tools list files, "
                                "processes and connections with (a userland rootkit)",
                                fmt::join(hooking, "; "))
                  : "LD_PRELOAD of an unpackaged library that replaces readdir, fopen or pcap functions"));
    }
    {
        const double cores = p.cpu ? p.cpu->cores() : 0;
        bool fired = !p.flows.mining_ports.empty() && p.cpu && p.cpu->seconds >= kMinerCpuSeconds &&
                     cores >= kMinerCores;
        out.push_back(one_signal(
            "miner", S::strong, fired,
            fired ? fmt::format("connects to mining-pool port {} and has used {:.1f} cores since it started "
                                "({:.0f} s of CPU in {:.0f} s)",
                                fmt::join(p.flows.mining_ports, ", "), cores, p.cpu->seconds, p.cpu->age)
                  : fmt::format("mining-pool ports and >= {:.1f} cores of CPU on average since it started",
                                kMinerCores)));
    }

    // Medium.
    {
        bool comm_random = ctx.model.is_random(i.comm);
        bool exe_random = !comm_random && !exe_name.empty() && !memfd && ctx.model.is_random(exe_name);
        out.push_back(one_signal(
            "random_name", S::medium, comm_random || exe_random,
            comm_random  ? fmt::format("name '{}' looks random (score {:.2f})", i.comm, p.name_score)
            : exe_random ? fmt::format("binary name '{}' looks random (score {:.2f})", exe_name,
                                       ctx.model.score(exe_name))
                         : "the name model calls its name or its binary's name random"));
    }
    {
        bool fired = i.exe_deleted && i.exe_path_gone && !memfd && !p.upgraded;
        out.push_back(one_signal("deleted_binary", S::medium, fired,
                           fired ? "its binary " + i.exe + " was deleted after it started"
                                 : "a binary deleted after start, with nothing at its path (not an upgrade)"));
    }
    const std::string temp = temp_dir_of(i.exe);
    {
        bool fired = !temp.empty() && p.layout.empty();
        out.push_back(one_signal("temp_dir", S::medium, fired,
                           fired              ? "runs from " + temp + ": " + i.exe
                           : !temp.empty()    ? "under " + temp + ", but in " + p.layout
                                              : "a binary under /tmp, /var/tmp or /run/user"));
    }
    const std::string data = data_dir_of(i.exe);
    {
        bool fired = !data.empty();
        out.push_back(one_signal("data_dir", S::medium, fired,
                                 fired ? "runs from " + data + ", which holds data, not programs: " + i.exe
                                       : "a binary under /etc, /boot, /var/log, /var/spool or /var/mail"));
    }
    {
        // Inside a temporary or data directory the place was counted once already.
        bool hidden = in_hidden_dir(i.exe) && temp.empty() && data.empty();
        bool fired = hidden && p.layout.empty();
        out.push_back(one_signal("hidden_dir", S::medium, fired,
                           fired    ? "runs from a hidden directory: " + i.exe
                           : hidden ? "in a hidden directory, but in " + p.layout
                                    : "a binary under a hidden directory"));
    }
    out.push_back(one_signal("rotating", S::medium, !p.group.empty(),
                       !p.group.empty() ? "respawns under changing names (rotating group " + p.group + ")"
                                        : "member of a rotating group (names that change over time)"));
    {
        bool hidden = preloads_from_hiding_place(i.ld_preload);
        bool fired = !i.ld_preload.empty() && !hidden;
        out.push_back(one_signal("ld_preload", S::medium, fired,
                                 fired ? "LD_PRELOAD in its environment loads " + i.ld_preload + " into it"
                                       : "LD_PRELOAD in its environment"));
    }
    {
        bool fired = p.flows.outbound > 0 && p.flows.unreplied >= kFanOutUnreplied;
        out.push_back(one_signal("fan_out", S::medium, fired,
                           fired ? fmt::format("fans out: {} unanswered connection attempts", p.flows.unreplied)
                                 : fmt::format(">= {} unanswered outbound connection attempts", kFanOutUnreplied)));
    }
    {
        bool fired = !p.flows.mining_ports.empty();
        out.push_back(one_signal("mining_port", S::medium, fired,
                           fired ? fmt::format("connects to port {} (common mining-pool ports)",
                                               fmt::join(p.flows.mining_ports, ", "))
                                 : "outbound connections to common mining-pool ports (3333, 4444, 14444, ...)"));
    }

    // Weak.
    {
        bool fired = i.exe_deleted && !i.exe_path_gone && !memfd && !p.upgraded;
        out.push_back(one_signal("replaced_binary", S::weak, fired,
                           fired       ? "its binary " + i.exe + " was replaced on disk since it started"
                           : p.upgraded ? "its binary was replaced by an upgrade of " + p.package
                                        : "a binary replaced on disk since it started"));
    }
    {
        const auto& f = p.flows;
        bool fired = f.raw_sockets + f.packet_sockets > 0;
        out.push_back(one_signal("raw_sockets", S::weak, fired,
                           fired ? fmt::format("holds {} raw and {} packet socket(s)", f.raw_sockets, f.packet_sockets)
                                 : "raw or packet sockets"));
    }
    {
        bool fired = p.flows.destinations.size() >= kManyDestinations;
        out.push_back(one_signal("many_destinations", S::weak, fired,
                           fired ? fmt::format("connects to {} distinct destinations", p.flows.destinations.size())
                                 : fmt::format("connections to >= {} distinct destinations", kManyDestinations)));
    }
    {
        // Packages install aliases (gmake -> make, c++ -> g++-12): only unpackaged binaries count.
        bool fired = !exe_name.empty() && !memfd && p.package_owned != true && !names_related(i.comm, exe_name);
        out.push_back(one_signal("name_mismatch", S::weak, fired,
                           fired ? "calls itself '" + i.comm + "' but runs " + i.exe
                                 : "a name that differs from its (unpackaged) binary's"));
    }
    {
        const bool unowned = p.package_owned == false;
        std::string because = !p.unit.empty() ? "systemd unit " + p.unit + " runs it"
                              : !p.layout.empty() ? "it is " + p.layout
                                                  : "";
        bool fired = unowned && because.empty();
        out.push_back(one_signal("unpackaged", S::weak, fired,
                           fired     ? "binary not from any installed package"
                           : unowned ? "no package installed it, but " + because
                           : p.package_owned == true
                               ? "installed by " + (p.package.empty() ? std::string("a package") : p.package) +
                                     (p.package_db.empty() ? "" : " (" + p.package_db + ")")
                               : "no package database to ask (" +
                                     std::string(i.own_root ? "a container without dpkg or apk" : "not Debian") + ")"));
    }
    {
        bool detached = i.tty_nr == 0 && i.ppid == 1;
        bool fired = detached && p.unit.empty();
        out.push_back(one_signal("detached", S::weak, fired,
                           fired      ? "detached: no terminal, parent is init"
                           : detached ? "no terminal, parent init: the systemd service " + p.unit
                                      : "no terminal and parent is init"));
    }

    for (const auto& s : out) {
        if (!s.fired) continue;
        p.score += s.weight;
        p.reasons.push_back(s.reason);
    }
    p.score = std::min(1.0, p.score);
    auto j = judge_signals(out, p.allowed_by);
    p.suspicious = j.suspicious;
    p.rule = std::move(j.rule);
}

}  // namespace ctguard
