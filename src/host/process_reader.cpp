#include "host/process_reader.hpp"

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <memory>

#include "host/kernel_log.hpp"
#include "lib/text.hpp"

namespace ctguard {

namespace {

// PF_KTHREAD in the stat flags field (include/linux/sched.h).
constexpr uint64_t kPfKthread = 0x00200000;

std::optional<std::string> read_link(const std::string& path) {
    char buf[4096];
    ssize_t n = ::readlink(path.c_str(), buf, sizeof buf);
    if (n < 0) return std::nullopt;
    return std::string(buf, static_cast<size_t>(n));
}

std::string pid_path(const RootDir& root, int pid, std::string_view leaf) {
    return root.path("/proc/" + std::to_string(pid) + "/" + std::string(leaf));
}

}  // namespace

std::vector<int> list_pids(const RootDir& root) {
    std::vector<int> pids;
    std::unique_ptr<DIR, int (*)(DIR*)> dir(::opendir(root.path("/proc").c_str()), ::closedir);
    if (!dir) return pids;
    while (dirent* e = ::readdir(dir.get())) {
        if (auto pid = parse_u64(e->d_name, INT32_MAX); pid && *pid > 0)
            pids.push_back(static_cast<int>(*pid));
    }
    std::sort(pids.begin(), pids.end());
    return pids;
}

int64_t boot_time(const RootDir& root) {
    auto text = read_small_file(root.path("/proc/stat"));
    if (!text) return 0;
    // "btime 1700000000"
    for (auto line : split(*text, '\n')) {
        if (line.substr(0, 6) == "btime ") {
            if (auto v = parse_u64(trim(line.substr(6)))) return static_cast<int64_t>(*v);
        }
    }
    return 0;
}

bool parse_pid_stat(std::string_view text, ProcessInfo& out) {
    size_t open = text.find(" (");
    size_t close = text.rfind(')');
    if (open == std::string_view::npos || close == std::string_view::npos || close < open) return false;
    auto pid = parse_u64(text.substr(0, open), INT32_MAX);
    if (!pid) return false;
    out.pid = static_cast<int>(*pid);
    out.comm = std::string(text.substr(open + 2, close - open - 2));
    // Fields after ")": [0] state, [1] ppid, [4] tty_nr, [6] flags, [11] utime, [12] stime, [19] starttime.
    auto rest = split(trim(text.substr(close + 1)), ' ');
    if (rest.size() < 20) return false;
    auto ppid = parse_u64(rest[1], INT32_MAX);
    auto flags = parse_u64(rest[6]);
    auto start = parse_u64(rest[19]);
    auto utime = parse_u64(rest[11]), stime = parse_u64(rest[12]);
    // tty_nr is a signed device number; anything but "0" means a controlling terminal.
    if (!ppid || !flags || !start || !utime || !stime || rest[4].empty() || rest[0].size() != 1) return false;
    out.state = rest[0][0];
    out.ppid = static_cast<int>(*ppid);
    out.tty_nr = rest[4] == "0" ? 0 : 1;
    out.kernel_thread = (*flags & kPfKthread) != 0;
    out.start_ticks = *start;
    out.cpu_ticks = *utime + *stime;
    return true;
}

std::optional<uint32_t> parse_status_uid(std::string_view status) {
    for (auto line : split(status, '\n')) {
        if (line.substr(0, 4) != "Uid:") continue;
        auto fields = split(trim(line.substr(4)), '\t');
        if (fields.empty()) return std::nullopt;
        auto uid = parse_u64(trim(fields[0]), UINT32_MAX);
        if (!uid) return std::nullopt;
        return static_cast<uint32_t>(*uid);
    }
    return std::nullopt;
}

std::string parse_exe_link(std::string_view link, bool& deleted) {
    constexpr std::string_view kDeleted = " (deleted)";
    deleted = link.size() > kDeleted.size() && link.substr(link.size() - kDeleted.size()) == kDeleted;
    if (deleted) link.remove_suffix(kDeleted.size());
    return std::string(link);
}

bool parse_status_user_memory(std::string_view status) {
    for (auto line : split(status, '\n')) {
        if (line.starts_with("VmSize:")) return true;
    }
    return false;
}

std::string parse_cgroup_path(std::string_view text) {
    std::string v2, v1;
    for (auto line : split(text, '\n')) {
        // "hierarchy-ID:controllers:path"; the path may itself hold ':'.
        size_t a = line.find(':');
        size_t b = a == std::string_view::npos ? a : line.find(':', a + 1);
        if (b == std::string_view::npos) continue;
        auto id = line.substr(0, a);
        auto controllers = line.substr(a + 1, b - a - 1);
        auto path = line.substr(b + 1);
        if (id == "0" && controllers.empty()) v2 = path;
        if (controllers == "name=systemd") v1 = path;
    }
    return (v2.empty() || v2 == "/") && !v1.empty() ? v1 : v2;
}

std::optional<std::string> parse_environ_value(std::string_view environ, std::string_view key) {
    for (auto var : split(environ, '\0')) {
        if (var.size() > key.size() && var.starts_with(key) && var[key.size()] == '=')
            return std::string(var.substr(key.size() + 1));
    }
    return std::nullopt;
}

namespace {

// /proc/PID/stat alone: the name, the state, the parent, the start time.
std::optional<ProcessInfo> read_stat(const RootDir& root, int pid) {
    auto stat = read_small_file(pid_path(root, pid, "stat"));
    ProcessInfo p;
    if (!stat || !parse_pid_stat(trim(*stat), p)) return std::nullopt;
    return p;
}

// Clock ticks a second, the unit of the stat file's start and CPU times.
long ticks_per_second() {
    static const long ticks = std::max(1L, ::sysconf(_SC_CLK_TCK));
    return ticks;
}

std::optional<ProcessInfo> read_process_once(const RootDir& root, int pid, int64_t btime) {
    auto stat = read_small_file(pid_path(root, pid, "stat"));
    if (!stat) return std::nullopt;
    ProcessInfo p;
    // A zombie has exited already: its exe and fds are gone, only its parent has yet to reap it.
    if (!parse_pid_stat(trim(*stat), p) || p.state == 'Z' || p.state == 'X') return std::nullopt;
    p.start_time = btime + static_cast<int64_t>(p.start_ticks / static_cast<uint64_t>(ticks_per_second()));
    if (auto status = read_small_file(pid_path(root, pid, "status"))) {
        if (auto uid = parse_status_uid(*status)) p.uid = *uid;
        p.user_memory = parse_status_user_memory(*status);
    }
    if (p.kernel_thread) return p;
    if (auto cgroup = read_small_file(pid_path(root, pid, "cgroup"))) p.cgroup = parse_cgroup_path(*cgroup);
    // The environment is the process's own memory: read_small_file's cap bounds what a padded one costs.
    if (auto environ = read_small_file(pid_path(root, pid, "environ"))) {
        p.ld_preload = parse_environ_value(*environ, "LD_PRELOAD").value_or("");
    }
    if (auto cmdline = read_small_file(pid_path(root, pid, "cmdline"))) {
        // NUL-separated arguments, usually with a trailing NUL.
        std::string& c = *cmdline;
        while (!c.empty() && c.back() == '\0') c.pop_back();
        std::replace(c.begin(), c.end(), '\0', ' ');
        p.cmdline = std::move(c);
    }
    // Kernel threads have no exe link; other processes' links need root to read (EACCES: left empty).
    if (auto link = read_link(pid_path(root, pid, "exe"))) p.exe = parse_exe_link(*link, p.exe_deleted);
    // Its root as it sees it (a container's), or the tree's / when the tree has no proc/PID/root.
    struct stat ours {}, its {};
    const std::string its_root = pid_path(root, pid, "root");
    const bool have_root = ::stat(its_root.c_str(), &its) == 0;
    if (have_root && ::stat(root.path("/").c_str(), &ours) == 0) {
        p.own_root = its.st_dev != ours.st_dev || its.st_ino != ours.st_ino;
    }
    if (p.exe_deleted && !p.exe.starts_with("/memfd:")) {
        struct stat now {};
        std::string path = have_root ? its_root + p.exe : root.path(p.exe);
        p.exe_path_gone = ::lstat(path.c_str(), &now) != 0 && errno == ENOENT;
    }
    return p;
}

}  // namespace

std::optional<ProcessInfo> read_process(const RootDir& root, int pid, int64_t btime) {
    // The files are read one after another: an exec between them would mix the old program's name
    // with the new one's binary (a shell's fork "deploy.sh" seen with the exe of what it runs), which
    // looks like one binary under two names. The name is read again last; a change means read again.
    for (int attempt = 0; attempt < 3; ++attempt) {
        auto p = read_process_once(root, pid, btime);
        if (!p || p->kernel_thread) return p;
        auto now = read_stat(root, pid);
        if (!now) return std::nullopt;
        if (now->comm == p->comm && now->start_ticks == p->start_ticks) return p;
    }
    return std::nullopt;  // it keeps changing (an exec loop): the next look will see it settled
}

std::optional<uint64_t> read_start_ticks(const RootDir& root, int pid) {
    auto p = read_stat(root, pid);
    if (!p) return std::nullopt;
    return p->start_ticks;
}

std::optional<CpuUse> read_cpu_use(const RootDir& root, int pid, uint64_t start_ticks) {
    auto p = read_stat(root, pid);
    const double uptime = read_uptime(root);
    if (!p || p->start_ticks != start_ticks || uptime <= 0) return std::nullopt;
    const double hz = static_cast<double>(ticks_per_second());
    const double age = uptime - static_cast<double>(start_ticks) / hz;
    if (age <= 0) return std::nullopt;
    return CpuUse{static_cast<double>(p->cpu_ticks) / hz, age};
}

std::string read_comm(const RootDir& root, int pid) {
    auto p = read_stat(root, pid);
    return p ? p->comm : std::string();
}

}  // namespace ctguard
