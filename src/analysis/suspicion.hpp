#pragma once
// Is a process malware? A fixed list of signals, each strong, medium or weak, each with its reason in
// words, and one rule over them (judge_signals):
//
//   a process is SUSPICIOUS when ONE STRONG signal fires, or TWO MEDIUM ones do.
//
// Strong signals are things ordinary software does not do. Medium ones each have innocent causes
// (a tool unpacked in /tmp, a name that happens to look random, a binary deleted by a deploy), but two
// together rarely do. Weak signals are what self-installed software has anyway (no package, no
// terminal, parent init, a raw socket for DHCP): they are shown and add to the score, but never count
// towards the rule. A process the owner allowed (allow.toml) is never suspicious; its signals are
// still listed. Kernel threads are not judged.
//
//   signal              strength  fires when
//   fake_kernel_thread  strong    comm or argv[0] names a kernel thread (kworker, ksoftirqd, kswapd, ...)
//                                 but the process has a binary and user memory
//   fake_daemon         strong    comm or argv[0] names a well-known daemon (sshd, systemd, crond, ...)
//                                 and the binary is neither a package's nor one of that name
//   fileless            strong    the binary is a memfd: code run without a file on disk
//   shm_binary          strong    the binary is on /dev/shm
//   login_scan          strong    outbound SSH/telnet to >= 32 hosts, at least half of it unanswered
//   persistence_drop    strong    the binary's sha256 is that of a program the audit found dropped where
//                                 malware persists (check only)
//   preload_hooks       strong    LD_PRELOAD loaded a library no package installed that defines readdir,
//                                 fopen or pcap functions (hiding_functions): a userland rootkit
//   miner               strong    outbound to mining-pool ports while using >= 0.5 cores on average since
//                                 it started: a pool port alone is any client's, the CPU is the miner's
//   random_name         medium    the name model calls comm or the binary's name random
//   deleted_binary      medium    the binary was deleted and nothing is at its path (not an upgrade)
//   temp_dir            medium    the binary is under /tmp, /var/tmp or /run/user (not a `go run` build
//                                 or an AppImage mount)
//   hidden_dir          medium    the binary is under a hidden directory (not a known runtime or tool cache)
//   rotating            medium    member of a rotating group (analysis/rotation.hpp)
//   ld_preload          medium    LD_PRELOAD in its environment
//   fan_out             medium    >= 64 unanswered outbound connection attempts
//   mining_port         medium    outbound connections to common mining-pool ports
//   replaced_binary     weak      the binary was replaced on disk since it started (rebuilt, reinstalled)
//   raw_sockets         weak      holds raw or packet sockets
//   many_destinations   weak      connections to >= 64 distinct destinations
//   name_mismatch       weak      comm differs from the binary's name (unpackaged binaries only)
//   unpackaged          weak      no package installed the binary, and no systemd unit or known layout
//                                 explains it
//   detached            weak      no terminal and parent is init, and no systemd service runs it
//
// Weights: strong 1.0, medium 0.5, weak 0.05; the score is their sum capped at 1. The weak ones
// together stay under 0.5, so the score reaches 1 exactly when the rule says suspicious.
#include <map>
#include <string>
#include <string_view>

#include "analysis/name_model.hpp"
#include "model/allow_list.hpp"
#include "model/process.hpp"

namespace ctguard {

inline constexpr double kStrongWeight = 1.0;
inline constexpr double kMediumWeight = 0.5;
inline constexpr double kWeakWeight = 0.05;
inline constexpr uint64_t kFanOutUnreplied = 64;
inline constexpr size_t kManyDestinations = 64;
inline constexpr size_t kLoginScanDestinations = 32;
inline constexpr double kMinerCores = 0.5;       // miners use every core; 0.5 leaves room for a busy host
inline constexpr double kMinerCpuSeconds = 0.5;  // below this, a start-up burst could pass for a miner

// What userland rootkits (libprocesshider, Symbiote) replace to hide: directory listings (ps, top and
// ls read /proc and directories with readdir), files read with fopen (netstat reads /proc/net/tcp
// that way) and packet capture (tcpdump). Ordinary preloaded libraries (jemalloc, libfaketime,
// proxychains) replace allocation, time or connect instead.
const std::vector<std::string_view>& hiding_functions();

// What a judgement needs besides the process itself.
struct SuspicionContext {
    const NameModel& model;
    const AllowList* allow = nullptr;
    std::map<std::string, std::string> dropped;  // sha256 -> path of a program the audit found dropped
};

// Fills signals, score, suspicious, rule, reasons, allowed_by, unit and layout of `p` (its group, if
// any, is already set).
void assess(ProcessReport& p, const SuspicionContext& ctx);

struct SignalJudgement {
    bool suspicious = false;
    std::string rule;  // the rule's result in words
};
// The rule itself: one strong or two medium fired signals, unless allowed (allowed_by not empty).
SignalJudgement judge_signals(const std::vector<Signal>& signals, const std::string& allowed_by);

// The systemd service a cgroup path belongs to: its last component ending in ".service"
// ("/system.slice/node_exporter.service" -> "node_exporter.service"); "" when none.
std::string systemd_unit(std::string_view cgroup);
// A legitimate layout the binary is in, in words ("a pyenv Python", "a `go run` build"); "" when none.
std::string known_layout(std::string_view exe);
// Names the kernel gives its own threads (kworker/0:1, ksoftirqd/0, kswapd0, ...), and look-alikes.
bool looks_like_kernel_thread(std::string_view name);
// The well-known daemon a process name claims to be ("sshd" for "sshd: root@pts/0"), or "".
std::string claimed_daemon(std::string_view name);
// comm is the first 15 bytes of the name a program was started as (unless it renamed itself):
// "python3" for /usr/bin/python3.11 is the same program, "sshd" for /tmp/x/dmsFZ is not.
bool names_related(std::string_view comm, std::string_view exe_name);

}  // namespace ctguard
