#pragma once
// Processes from /proc/PID/{stat,status,cmdline,exe} (relative to --root).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lib/root_dir.hpp"
#include "model/process.hpp"

namespace ctguard {

// Numeric entries of /proc, ascending.
std::vector<int> list_pids(const RootDir& root);

// Boot time in seconds since the epoch ("btime" in /proc/stat); 0 when unknown.
int64_t boot_time(const RootDir& root);

// Fills pid, comm, state, ppid, tty_nr, cpu_ticks, start_ticks and kernel_thread from one /proc/PID/stat
// line:
//   "1234 (comm) S 1 1234 1234 0 -1 4194560 ... starttime ..."   (proc(5); comm may hold ')' and spaces)
bool parse_pid_stat(std::string_view text, ProcessInfo& out);
// "Uid:\t1000\t1000\t1000\t1000" in /proc/PID/status: the real uid.
std::optional<uint32_t> parse_status_uid(std::string_view status);
// readlink(/proc/PID/exe) text: strips the kernel's " (deleted)" suffix into `deleted`.
std::string parse_exe_link(std::string_view link, bool& deleted);
// /proc/PID/status has a "VmSize:" line: the process has user-space memory (kernel threads have none).
bool parse_status_user_memory(std::string_view status);
// The cgroup path of /proc/PID/cgroup: the v2 line "0::/system.slice/x.service", or on a v1 or hybrid
// host the "N:name=systemd:/..." line when the v2 one is only "/". "" when neither is there.
std::string parse_cgroup_path(std::string_view text);
// The value of KEY in /proc/PID/environ (NUL-separated KEY=VALUE); nullopt when unset.
std::optional<std::string> parse_environ_value(std::string_view environ, std::string_view key);

// Everything about one process; nullopt when it is gone (a zombie counts as gone).
std::optional<ProcessInfo> read_process(const RootDir& root, int pid, int64_t btime);
// The start time of a process (stat field 22, clock ticks after boot); nullopt when there is no such pid.
std::optional<uint64_t> read_start_ticks(const RootDir& root, int pid);
// The CPU time a process has used and its age, read together (stat and /proc/uptime); nullopt when
// the pid is gone or is another process now (its start time is not `start_ticks`).
std::optional<CpuUse> read_cpu_use(const RootDir& root, int pid, uint64_t start_ticks);
// Just the comm of a process (cheap; for labels); empty when gone.
std::string read_comm(const RootDir& root, int pid);

}  // namespace ctguard
