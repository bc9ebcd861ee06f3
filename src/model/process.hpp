#pragma once
// Processes, their sockets and what the analysis concludes about them: plain values, no I/O.
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "model/ip.hpp"

namespace ctguard {

// One process as /proc/PID/{stat,status,cmdline,exe} describe it.
struct ProcessInfo {
    int pid = 0;
    int ppid = 0;
    std::string comm;  // at most 15 bytes; may contain '/', ':', spaces
    std::string exe;   // resolved path without the " (deleted)" suffix; empty for kernel threads
    bool exe_deleted = false;
    std::string cmdline;  // arguments joined by spaces
    uint32_t uid = 0;
    uint64_t start_ticks = 0;  // clock ticks after boot (stat field 22): with pid, identifies the instance
    uint64_t cpu_ticks = 0;    // CPU time it has used, user and system, all threads (stat fields 14 + 15)
    int64_t start_time = 0;    // seconds since the epoch
    int tty_nr = 0;            // 0: no controlling terminal
    char state = 'R';          // stat field 3: R S D Z (zombie) ...
    bool kernel_thread = false;
    bool user_memory = false;  // /proc/PID/status has VmSize: user-space memory (kernel threads have none)
    std::string cgroup;        // its cgroup path (/proc/PID/cgroup, v2 line or v1 name=systemd); "" unknown
    std::string ld_preload;    // LD_PRELOAD from /proc/PID/environ; "" when unset or unreadable
    bool own_root = false;     // its root directory is not ours (a container, a flatpak sandbox)
    bool exe_path_gone = false;  // exe_deleted and nothing is at that path now (not a replaced file)
};

// One socket from sock_diag or /proc/net/{tcp,udp}[6]; addresses as the local host sees them.
struct SocketEntry {
    uint8_t proto = 0;     // IPPROTO_TCP or IPPROTO_UDP
    IpAddr local, remote;  // v4-mapped IPv6 addresses are stored as IPv4
    uint16_t local_port = 0, remote_port = 0;
    uint8_t state = 0;  // TCP_* from linux/tcp.h (kTcpListen, kUdpUnconnected)
    uint64_t inode = 0;

    // The socket states the analysis tells apart (linux/tcp.h's values, kept in the kernel's reports).
    static constexpr uint8_t kTcpListen = 10;      // TCP_LISTEN
    static constexpr uint8_t kUdpUnconnected = 7;  // TCP_CLOSE: a UDP socket with no peer
};

// Raw (SOCK_RAW) and packet (AF_PACKET) sockets, from /proc/net/{raw,raw6,packet}.
enum class RawKind : uint8_t { raw, packet };
struct RawSocket {
    RawKind kind = RawKind::raw;
    uint64_t inode = 0;
};

// Which process owns a conntrack entry. pid > 0: a local socket's holder; otherwise one of these.
enum class FlowOwnerKind : uint8_t { process, forwarded, no_socket };

// What one process does to the conntrack table.
struct ProcessFlows {
    uint64_t flows = 0;
    std::map<std::string, uint64_t> by_state;  // "ESTABLISHED", "SYN_SENT", ...; "UNREPLIED" counted apart
    uint64_t unreplied = 0;
    uint64_t outbound = 0;               // entries this process initiated (its socket is the original source)
    std::set<std::string> destinations;  // distinct remote addresses of its outbound entries
    // Outbound entries to SSH and telnet ports (22, 23, 2222, 2323): what scanners and brute-forcers open.
    std::set<std::string> login_destinations;
    uint64_t login_unreplied = 0;
    std::set<uint16_t> mining_ports;  // common mining-pool ports among its outbound entries' ports
    uint32_t raw_sockets = 0;
    uint32_t packet_sockets = 0;
};

// Where the entries of a dump went.
struct FlowTotals {
    uint64_t total = 0;
    uint64_t attributed = 0;  // to a process
    uint64_t forwarded = 0;   // routed or NATed through this host: no local endpoint
    uint64_t no_socket = 0;   // a local endpoint but no socket (closed, or sent by a raw socket)
};

// One piece of evidence about a process, fired or not (procs --explain lists them all).
enum class SignalStrength : uint8_t { strong, medium, weak };
struct Signal {
    std::string id;  // stable: "fake_kernel_thread", "random_name", ... (docs/commands.md)
    SignalStrength strength = SignalStrength::weak;
    double weight = 0;
    bool fired = false;
    std::string reason;  // fired: why, in words; not fired: what it looks for, or what explained it away
};

// How much CPU a process has used over its life: seconds / age is its average in cores.
struct CpuUse {
    double seconds = 0;  // user and system time, all threads
    double age = 0;      // seconds since it started
    double cores() const { return age > 0 ? seconds / age : 0; }
};

// A library LD_PRELOAD put into a process.
struct PreloadedLibrary {
    std::string path;                   // as the process has it mapped; the LD_PRELOAD entry when not mapped
    std::vector<std::string> hooks;     // functions it defines that rootkits replace to hide (readdir, fopen)
    std::optional<bool> package_owned;  // nullopt: not asked, or no package database
    std::string note;                   // why it could not be read; "" when it was
};

// One process instance (a pid from one exec to the next) as observed, and what was concluded.
struct ProcessReport {
    ProcessInfo info;
    std::vector<std::string> names;     // every comm seen, in order (renames during --watch)
    std::string sha256;                 // binaries not owned by a package are hashed; "" otherwise
    std::string hash_note;              // why sha256 is "" although it was wanted ("too large to hash ...")
    std::optional<bool> package_owned;  // nullopt: no exe, or no package database to ask
    bool ownership_unchecked = false;   // in a container that was gone before its database could be asked
    std::string package;                // the owning package when known ("openssh-server")
    std::string package_db;             // which database answered: "dpkg", "container dpkg", "apk", "snap"
    bool upgraded = false;              // its deleted binary's path now belongs to a package (an upgrade)
    std::vector<PreloadedLibrary> preloaded;  // what its LD_PRELOAD loaded into it
    std::optional<CpuUse> cpu;  // read for processes that reach mining-pool ports only
    ProcessFlows flows;
    bool born = false;    // started while we watched
    bool exited = false;  // ended while we watched

    double name_score = 0;  // the random-name model's score of its name
    double score = 0;       // the fired signals' weights summed, 0..1
    bool suspicious = false;  // the rule (analysis/suspicion.hpp): one strong or two medium signals
    std::vector<std::string> reasons;  // the fired signals' reasons
    std::vector<Signal> signals;       // every signal, fired or not
    std::string rule;                  // the rule's result in words
    std::string allowed_by;            // the allow.toml entry that vouches for it; "" when none
    std::string unit;                  // the systemd service that runs it (from its cgroup); ""
    std::string layout;                // a known legitimate layout its binary is in ("a pyenv Python"); ""
    std::string group;  // rotating group id, "" when in none
};

// LD_PRELOAD's entries (the loader splits it at colons and blanks), in order.
std::vector<std::string_view> preload_entries(std::string_view ld_preload);

// Processes that replace each other under changing names.
struct RotatingGroup {
    std::string id;      // "g" + 10 hex digits, stable while the binary is the same
    std::string exe;     // the first member's binary
    std::string sha256;  // "" when unknown
    std::vector<std::string> names;
    std::vector<int> pids;
    uint64_t respawns = 0;  // members started while we watched
    std::string evidence;   // why it is a group, in words
    bool one_binary = false;  // one sha256 under several names: a fresh look (procs --kill) finds it again
    bool suspicious = false;
    std::vector<std::string> reasons;
};

// Everything `procs` found.
struct ProcsReport {
    std::vector<ProcessReport> processes;  // every instance seen, by pid
    std::vector<RotatingGroup> rotating;
    FlowTotals totals;          // of the last look at the table
    bool have_table = true;     // false when nf_conntrack is not loaded (no flows to attribute)
    std::string socket_source;  // "sock_diag" or "proc"
    // --watch only
    double watched_seconds = 0;
    std::string events_source;  // "cn_proc" or "poll"
    uint64_t events = 0, overruns = 0;
    bool interrupted = false;  // Ctrl-C or SIGTERM ended the watch early: this is what it saw until then
};

// How a --watch is going, for a progress line on a terminal.
struct WatchProgress {
    double elapsed = 0, seconds = 0;
    size_t processes = 0;  // instances seen so far
    size_t started = 0;    // of them, started while we watched (respawns show up here)
};

struct SocketOwners {
    // Socket inode -> holder. A socket shared across fork() has several; the lowest pid (usually
    // the parent that opened it) stands for all of them.
    std::unordered_map<uint64_t, int> holder;
    uint64_t unreadable = 0;  // processes whose fd directory we may not read (not root)
};

}  // namespace ctguard
