#pragma once
// `ctguard shield`: what it reads about a namespace, the measures it picks, and what is loaded.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/limit_report.hpp"
#include "model/process.hpp"

namespace ctguard {

inline constexpr std::string_view kShieldTable = "ctguard_shield";  // table inet NAME

// One network interface of the namespace.
struct Interface {
    std::string name;
    uint32_t mtu = 0;
    bool up = false;
    bool loopback = false;
};

// The namespace's TCP and conntrack settings the shield depends on; nullopt where the key is missing.
struct ShieldSysctls {
    std::optional<uint64_t> tcp_syncookies, tcp_timestamps, tcp_loose;  // the three the shield may set
    std::optional<uint64_t> tcp_window_scaling, tcp_sack;
    std::optional<uint64_t> tcp_rmem_max;  // the third field of net.ipv4.tcp_rmem
    std::optional<uint64_t> rmem_max;      // net.core.rmem_max
    // The namespace's conntrack timeouts (s) the shield's ct timeout objects would shorten.
    std::optional<uint64_t> tcp_timeout_syn_sent, tcp_timeout_syn_recv, tcp_timeout_close, udp_timeout;
};

// Everything the planner reads, gathered at the edges.
struct ShieldInput {
    std::vector<SocketEntry> sockets;  // sock_diag: every TCP/UDP socket of the namespace
    std::vector<Interface> interfaces;
    ShieldSysctls sysctls;
    bool synproxy_available = true;    // the kernel accepted a synproxy rule (dry run)
    bool ct_timeout_available = true;  // the kernel accepted a ct timeout object (dry run)
    std::vector<uint16_t> ports;       // --ports: only these; empty: every exposed listener
    // Whether conntrack is at work here: entries in the table, or a ct or nat rule in the ruleset.
    // A namespace tracks nothing until its ruleset uses conntrack, and the shield's own rules would
    // start it.
    bool tracking = true;
    // The kernel checks the timestamp echo of the ACK that completes a handshake (/proc/net/netstat
    // counts TSEcrRejected, Linux 6.17 and later): it rejects the one SYNPROXY sends the listener.
    bool tsecr_checked = false;
    // iptables-legacy tables registered in the namespace (/proc/net/ip{,6}_tables_names: "filter",
    // "nat"...): their rules run beside nftables', and ctguard does not read them.
    std::vector<std::string> legacy_tables;
};

// One sysctl the shield sets in the namespace, and the value --remove puts back.
struct SysctlChange {
    std::string key;  // dotted: "net.ipv4.tcp_timestamps"
    uint64_t before = 0, after = 0;
    std::string why;
};

// One measure, chosen or not, with the reason taken from what was read.
struct ShieldMeasure {
    std::string name;  // synproxy | notrack | timeouts | per_source
    bool chosen = false;
    std::vector<uint16_t> ports;
    std::string why;
};

struct ShieldPlan {
    std::vector<uint16_t> synproxy_ports;  // TCP ports answered by SYNPROXY
    std::vector<uint16_t> notrack_ports;   // UDP ports whose traffic is not tracked
    uint16_t mss4 = 0, mss6 = 0;           // SYNPROXY's MSS for IPv4 and IPv6 clients
    // The timestamp option carries the client's window scale and SACK in the cookie; without it
    // SYNPROXY offers neither.
    bool timestamps = false;
    std::optional<uint8_t> wscale;  // nullopt: window scaling is off, or no timestamps
    bool sack = false;
    // ct timeout policies ({"syn_sent", 5}, ...) for TCP and UDP to this host's addresses; empty: none.
    std::vector<std::pair<std::string, uint32_t>> tcp_timeouts, udp_timeouts;
    std::vector<ShieldMeasure> measures;
    std::vector<SysctlChange> sysctls;  // only values that change
    std::vector<std::string> notes;
};

// What is loaded now, read back from the kernel and from the saved previous sysctl values.
// Who loaded the shield: `ctguard shield --apply` (the admin), or the daemon's shield action. The
// daemon removes only its own; `shield --apply` over the daemon's makes it the admin's.
enum class ShieldOwner : uint8_t { command, daemon };

// What the saved file holds.
struct SavedShield {
    ShieldOwner owner = ShieldOwner::command;
    std::vector<SysctlChange> sysctls;
};

struct ShieldState {
    bool installed = false;
    std::string listing;  // `nft list table inet ctguard_shield`, "" when not installed
    // The values the first --apply replaced, and who loaded it (the state file).
    SavedShield saved;
    bool saved_file = false;
};

// What `ctguard shield` did or would do.
struct ShieldReport {
    std::string action;  // "plan" (no --apply), "apply", "remove"
    ShieldPlan plan;     // empty for "remove"
    bool installed = false;  // the table was loaded before this run
    bool changed = false;    // this run changed (or, with --dry-run, would change) the kernel
    std::string ruleset;     // the planned table, as `nft list` prints it ("" for remove)
    std::string diff;        // unified diff from the loaded table to the planned one
    ApplyReport apply;       // sysctls set or put back (live), --persist files, notes, dry_run
};

}  // namespace ctguard
