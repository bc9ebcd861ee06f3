#include "analysis/shield_plan.hpp"

#include <netinet/in.h>

#include <algorithm>
#include <bit>

#include <fmt/format.h>

#include "lib/text.hpp"

namespace ctguard {

namespace {

constexpr uint16_t kDnsPort = 53;

// What the shield's ct timeout objects hold entries for (seconds), against the kernel defaults
// (120, 60, 10 and 30 s). A client retransmits its SYN after 1 and 3 s, so 5 s lets a real client
// through while a forged SYN that nobody answers is gone 24 times sooner.
constexpr uint32_t kSynSent = 5, kSynRecv = 5, kClose = 1, kUdpUnreplied = 10;

bool loopback(const IpAddr& a) {
    if (a.family == AF_INET) return a.bytes[0] == 127;
    static const IpAddr v6_lo = *parse_ip("::1");
    return a == v6_lo;
}

bool listens(const SocketEntry& s, uint8_t proto) {
    if (s.proto != proto) return false;
    return proto == IPPROTO_TCP ? s.state == SocketEntry::kTcpListen : s.state == SocketEntry::kUdpUnconnected && s.remote_port == 0;
}

std::vector<uint16_t> ports_where(const std::vector<SocketEntry>& sockets, uint8_t proto, bool want_loopback) {
    std::vector<uint16_t> out;
    for (const auto& s : sockets) {
        if (listens(s, proto) && loopback(s.local) == want_loopback && s.local_port != 0) out.push_back(s.local_port);
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

bool has(const std::vector<uint16_t>& v, uint16_t p) {
    return std::binary_search(v.begin(), v.end(), p);
}

std::string port_list(std::string_view proto, const std::vector<uint16_t>& ports) {
    return std::string(proto) + " " + join(ports, ", ", [](uint16_t p) { return std::to_string(p); });
}

// Where SYNPROXY's MSS comes from: the smallest MTU of the interfaces that are up (a cookie's MSS
// must fit every path in), loopback only when nothing else is up.
struct MtuSource {
    uint32_t mtu = 1500;
    std::string from = "no interface is up: the Ethernet MTU";
};

MtuSource smallest_mtu(const std::vector<Interface>& ifs) {
    MtuSource out;
    const Interface* best = nullptr;
    for (bool want_loopback : {false, true}) {
        for (const auto& i : ifs) {
            if (i.up && i.loopback == want_loopback && i.mtu >= 1280 && (!best || i.mtu < best->mtu)) best = &i;
        }
        if (best) break;
    }
    if (best) {
        out.mtu = best->mtu;
        out.from = fmt::format("MTU {} of {}", best->mtu, printable(best->name));
    }
    return out;
}

void change(ShieldPlan& plan, const char* key, const std::optional<uint64_t>& now, uint64_t want,
            std::string why) {
    if (now && *now != want) plan.sysctls.push_back({key, *now, want, std::move(why)});
}

void add_timeout(std::vector<std::pair<std::string, uint32_t>>& policy, const char* state,
                 const std::optional<uint64_t>& now, uint32_t ours, std::vector<std::string>& said) {
    if (now && *now <= ours) return;  // already as short: the shield never lengthens a timeout
    policy.emplace_back(state, ours);
    said.push_back(now ? fmt::format("{} {} s instead of {}", state, ours, *now)
                       : fmt::format("{} {} s", state, ours));
}

ShieldMeasure plan_synproxy(const ShieldInput& in, const std::vector<uint16_t>& tcp, ShieldPlan& plan) {
    ShieldMeasure m{"synproxy", false, tcp, ""};
    const auto& k = in.sysctls;
    if (tcp.empty()) {
        m.why = "no TCP port listens on an address reachable from outside";
        return m;
    }
    if (!in.synproxy_available) {
        m.why = "the kernel refused a synproxy rule (no nf_synproxy: CONFIG_NFT_SYNPROXY); unanswered "
                "SYN_RECV entries get shorter timeouts instead";
        return m;
    }
    if (!k.tcp_timestamps || !k.tcp_loose) {
        m.why = "net.ipv4.tcp_timestamps or net.netfilter.nf_conntrack_tcp_loose is missing in this "
                "namespace, and SYNPROXY needs both";
        return m;
    }
    const MtuSource mtu = smallest_mtu(in.interfaces);
    plan.synproxy_ports = tcp;
    plan.mss4 = static_cast<uint16_t>(std::min<uint32_t>(mtu.mtu - 40, 65535));
    plan.mss6 = static_cast<uint16_t>(std::min<uint32_t>(mtu.mtu - 60, 65535));
    std::string options_why;
    if (in.tsecr_checked) {
        // Measured on 6.18: with the option, the listener drops SYNPROXY's ACK (TSEcrRejected) and
        // every connection waits 1 s for the SYN-ACK to be sent again.
        options_why = "no timestamp option, so no window scale or SACK for these clients: this kernel "
                      "rejects the handshake ACK SYNPROXY sends with one (TSEcrRejected in "
                      "/proc/net/netstat), which would delay every connection by 1 s";
    } else {
        plan.timestamps = true;
        plan.sack = k.tcp_sack.value_or(1) != 0;
        options_why = "window scaling is off (net.ipv4.tcp_window_scaling = 0)";
        if (k.tcp_window_scaling.value_or(1) != 0) {
            const uint64_t space = std::max(k.tcp_rmem_max.value_or(0), k.rmem_max.value_or(0));
            plan.wscale = kernel_wscale(space);
            options_why = fmt::format("window scale {} as the kernel offers it for a {}-byte receive buffer "
                                      "(net.ipv4.tcp_rmem, net.core.rmem_max), kept in the cookie's timestamp",
                                      *plan.wscale, with_thousands(space));
        }
    }
    m.chosen = true;
    m.why = fmt::format(
        "{} listen{} (sock_diag): SYNs to {} are answered with syncookies and never create a conntrack "
        "entry, so a SYN from a forged address, which never answers, costs nothing; only clients that "
        "complete the handshake get one. MSS {} (IPv6 {}) from the {}; {}",
        port_list("tcp", tcp), tcp.size() == 1 ? "s" : "", tcp.size() == 1 ? "it" : "them", plan.mss4, plan.mss6, mtu.from, options_why);
    // 2 (timestamps without per-connection offsets) serves as well as 1.
    if (plan.timestamps && k.tcp_timestamps == uint64_t{0}) {
        change(plan, "net.ipv4.tcp_timestamps", k.tcp_timestamps, 1,
               "SYNPROXY keeps the client's window scale and SACK option in the timestamp of its cookie");
    }
    change(plan, "net.netfilter.nf_conntrack_tcp_loose", k.tcp_loose, 0,
           "with loose pickup, conntrack makes an entry of any forged ACK and takes the cookie's ACK for "
           "a new connection that never reaches SYNPROXY");
    return m;
}

ShieldMeasure plan_notrack(const std::vector<uint16_t>& udp, ShieldPlan& plan) {
    ShieldMeasure m{"notrack", false, {}, ""};
    if (has(udp, kDnsPort)) {
        plan.notrack_ports = {kDnsPort};
        m.chosen = true;
        m.ports = plan.notrack_ports;
        m.why = "a DNS server listens on udp 53 and answers each query from its socket, one packet each "
                "way: its queries and answers need no conntrack entry at all (a stateful firewall of this "
                "host must accept udp 53 by port, not by 'ct state new')";
        return m;
    }
    m.ports = udp;
    m.why = udp.empty() ? "no UDP service listens on an address reachable from outside"
                        : port_list("udp", udp) +
                                 " listen, but only DNS on 53 is known to answer without state: their "
                                 "traffic stays tracked, with a shorter timeout while unanswered";
    return m;
}

ShieldMeasure plan_timeouts(const ShieldInput& in, ShieldPlan& plan) {
    ShieldMeasure m{"timeouts", false, {}, ""};
    if (!in.ct_timeout_available) {
        m.why = "the kernel refused a ct timeout object (CONFIG_NF_CONNTRACK_TIMEOUT)";
        return m;
    }
    const auto& k = in.sysctls;
    std::vector<std::string> said;
    // Under SYNPROXY the listeners' SYNs are not tracked, but SYNs to closed ports are (a refused
    // SYN stays 10 s), and without SYNPROXY those of the listeners sit in SYN_RECV for 60 s.
    add_timeout(plan.tcp_timeouts, "syn_sent", k.tcp_timeout_syn_sent, kSynSent, said);
    add_timeout(plan.tcp_timeouts, "syn_recv", k.tcp_timeout_syn_recv, kSynRecv, said);
    add_timeout(plan.tcp_timeouts, "close", k.tcp_timeout_close, kClose, said);
    add_timeout(plan.udp_timeouts, "unreplied", k.udp_timeout, kUdpUnreplied, said);
    if (said.empty()) {
        m.why = "this namespace's timeouts for unanswered connections are already as short";
        return m;
    }
    m.chosen = true;
    m.why = "new connections to this host's addresses (not forwarded ones) that get no answer, where a "
            "flood sits: " + join(said, ", ") +
            "; established connections keep their timeouts, and no global sysctl changes";
    return m;
}

}  // namespace

bool ruleset_uses_conntrack(std::string_view ruleset) {
    bool ours = false;
    for (auto line : split(ruleset, '\n')) {
        if (line.starts_with("table ")) ours = line.find(kShieldTable) != std::string_view::npos;
        if (ours) continue;
        line = trim(line);
        for (std::string_view word : {"ct ", "type nat ", "masquerade", "snat ", "dnat ", "redirect"}) {
            if (line.starts_with(word) || line.find(" " + std::string(word)) != std::string_view::npos) return true;
        }
    }
    return false;
}

uint8_t kernel_wscale(uint64_t space) {
    if (space == 0) return 0;
    const int log2 = static_cast<int>(std::bit_width(space)) - 1;
    return static_cast<uint8_t>(std::clamp(log2 - 15, 0, 14));
}

std::vector<uint16_t> exposed_ports(const std::vector<SocketEntry>& sockets, uint8_t proto) {
    return ports_where(sockets, proto, false);
}

Result<ShieldPlan> plan_shield(const ShieldInput& in) {
    std::vector<uint16_t> tcp = exposed_ports(in.sockets, IPPROTO_TCP);
    std::vector<uint16_t> udp = exposed_ports(in.sockets, IPPROTO_UDP);
    if (!in.ports.empty()) {
        const auto tcp_lo = ports_where(in.sockets, IPPROTO_TCP, true);
        const auto udp_lo = ports_where(in.sockets, IPPROTO_UDP, true);
        std::vector<uint16_t> want = in.ports;
        std::sort(want.begin(), want.end());
        for (uint16_t p : want) {
            if (has(tcp, p) || has(udp, p)) continue;
            if (has(tcp_lo, p) || has(udp_lo, p)) {
                return Error::usage("--ports", fmt::format("port {} listens on loopback only: nothing from "
                                                           "outside reaches it",
                                                           p));
            }
            return Error::usage("--ports", fmt::format("nothing listens on port {} (TCP or UDP) in this "
                                                       "namespace",
                                                       p),
                                "'ss -ltnu' lists the listeners");
        }
        auto keep = [&](std::vector<uint16_t>& v) {
            std::erase_if(v, [&](uint16_t p) { return !has(want, p); });
        };
        keep(tcp);
        keep(udp);
    }

    ShieldPlan plan;
    if (!in.legacy_tables.empty()) {
        plan.notes.push_back(fmt::format(
            "iptables-legacy tables are loaded here ({}): their rules run beside the shield and ctguard does not "
            "read them, so it assumes they track connections; 'iptables-legacy-save' shows them",
            fmt::join(in.legacy_tables, ", ")));
    }
    if (!in.tracking && in.legacy_tables.empty()) {
        plan.notes.push_back("this namespace tracks no connections (an empty table, and no ct or nat rule "
                             "in its ruleset): there is no table to fill, and the shield's own rules would "
                             "start tracking; nothing to do");
        return plan;
    }
    const auto& k = in.sysctls;
    plan.measures.push_back(plan_synproxy(in, tcp, plan));
    // 2 (always cookies) is kept: only "never" is changed.
    if (!tcp.empty() && k.tcp_syncookies == uint64_t{0}) {
        change(plan, "net.ipv4.tcp_syncookies", k.tcp_syncookies, 1,
               "a listener answers with syncookies once its own SYN backlog is full");
    }
    plan.measures.push_back(plan_notrack(udp, plan));
    plan.measures.push_back(plan_timeouts(in, plan));
    plan.measures.push_back(
        {"per_source", false, {},
         "a forged flood comes from a new address with every packet, so a per-source cap never "
         "triggers; floods from real addresses show in 'ctguard top --by src', and 'ctguard cap "
         "--per-source N' caps them"});
    if (tcp.empty() && udp.empty()) plan.notes.push_back("nothing listens on an address reachable from outside");
    return plan;
}

std::optional<uint64_t> shield_sysctl(const ShieldSysctls& s, std::string_view key) {
    if (key == "net.ipv4.tcp_syncookies") return s.tcp_syncookies;
    if (key == "net.ipv4.tcp_timestamps") return s.tcp_timestamps;
    if (key == "net.netfilter.nf_conntrack_tcp_loose") return s.tcp_loose;
    return std::nullopt;
}

std::vector<SysctlChange> merge_saved_sysctls(const std::vector<SysctlChange>& saved, bool installed,
                                              const std::vector<SysctlChange>& planned,
                                              const ShieldSysctls& now) {
    std::vector<SysctlChange> out;
    for (const auto& s : saved) {
        // Without the table, a saved value that was changed since is someone else's now (or the
        // file is a namespace's that is gone, and whose number this one reuses).
        if (installed || shield_sysctl(now, s.key) == s.after) out.push_back(s);
    }
    for (const auto& p : planned) {
        auto same = [&](const SysctlChange& s) { return s.key == p.key; };
        if (std::find_if(out.begin(), out.end(), same) == out.end()) out.push_back(p);
    }
    return out;
}

std::optional<std::string> shield_sysctl_file(const std::vector<SysctlChange>& set) {
    if (set.empty()) return std::nullopt;
    std::string out =
        "# ctguard shield --persist: what the shield needs, at boot (--remove --persist deletes this file)\n";
    for (const auto& c : set) out += fmt::format("{} = {}\n", c.key, c.after);
    return out;
}

}  // namespace ctguard
