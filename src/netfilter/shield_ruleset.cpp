#include "netfilter/shield_ruleset.hpp"

#include <fmt/format.h>

#include <regex>

#include "lib/text.hpp"

namespace ctguard {

namespace {

std::string ports_text(const std::vector<uint16_t>& ports) {
    return join(ports, ", ", [](uint16_t p) { return std::to_string(p); });
}

std::string policy_text(const std::vector<std::pair<std::string, uint32_t>>& policy) {
    return join(policy, ", ", [](const auto& kv) { return kv.first + " : " + std::to_string(kv.second); });
}

std::string timeout_object(const char* name, const char* proto,
                           const std::vector<std::pair<std::string, uint32_t>>& policy) {
    return fmt::format(
        "\tct timeout {} {{\n\t\tprotocol {}\n\t\tl3proto inet\n\t\tpolicy = {{ {} }}\n\t}}\n", name,
        proto, policy_text(policy));
}

std::string port_set(const char* name, const std::vector<uint16_t>& ports) {
    return fmt::format("\tset {} {{\n\t\ttype inet_service\n\t\telements = {{ {} }}\n\t}}\n", name,
                       ports_text(ports));
}

std::string synproxy_options(const ShieldPlan& p, uint16_t mss) {
    // nft lists "wscale 0" for a synproxy without window scaling.
    std::string out = fmt::format("synproxy mss {} wscale {}", mss, p.wscale.value_or(0));
    if (!p.timestamps) return out;
    out += " timestamp";
    if (p.sack) out += " sack-perm";
    return out;
}

}  // namespace

std::string shield_listing(const ShieldPlan& p) {
    // nft lists a table's stateful objects first, then its sets, then its chains (in the order they
    // were added), with a blank line between two blocks.
    std::vector<std::string> blocks;
    if (!p.tcp_timeouts.empty()) blocks.push_back(timeout_object("tcp_unanswered", "tcp", p.tcp_timeouts));
    if (!p.udp_timeouts.empty()) blocks.push_back(timeout_object("udp_unanswered", "udp", p.udp_timeouts));
    if (!p.synproxy_ports.empty()) blocks.push_back(port_set("synproxy_ports", p.synproxy_ports));
    if (!p.notrack_ports.empty()) blocks.push_back(port_set("notrack_ports", p.notrack_ports));

    // Before conntrack (priority raw): SYNs for SYNPROXY and DNS are not tracked; connections that
    // conntrack will create get the shorter timeouts. notrack comes first: a timeout template set
    // on a packet makes a later notrack do nothing. Loopback is left alone, nothing forges it.
    std::string pre;
    if (!p.synproxy_ports.empty())
        pre += "\t\tiif != \"lo\" tcp dport @synproxy_ports tcp flags syn / fin,syn,rst,ack notrack\n";
    if (!p.notrack_ports.empty()) pre += "\t\tiif != \"lo\" udp dport @notrack_ports notrack\n";
    if (!p.tcp_timeouts.empty())
        pre += "\t\tfib daddr type local meta l4proto tcp ct timeout set \"tcp_unanswered\"\n";
    if (!p.udp_timeouts.empty())
        pre += "\t\tfib daddr type local meta l4proto udp ct timeout set \"udp_unanswered\"\n";
    if (!pre.empty())
        blocks.push_back("\tchain prerouting {\n\t\ttype filter hook prerouting priority raw; policy accept;\n" +
                         pre + "\t}\n");

    if (!p.notrack_ports.empty()) {
        blocks.push_back(
            "\tchain output {\n\t\ttype filter hook output priority raw; policy accept;\n"
            "\t\toif != \"lo\" udp sport @notrack_ports notrack\n\t}\n");
    }
    // SYNPROXY answers the untracked SYN and checks the cookie of the ACK (conntrack calls it
    // invalid); any other invalid packet to these ports is dropped. Ahead of a firewall of the
    // host's own at priority filter, which would drop those packets first.
    if (!p.synproxy_ports.empty()) {
        blocks.push_back(fmt::format(
            "\tchain input {{\n\t\ttype filter hook input priority filter - 10; policy accept;\n"
            "\t\tmeta nfproto ipv4 tcp dport @synproxy_ports ct state invalid,untracked counter packets 0 "
            "bytes 0 {}\n"
            "\t\tmeta nfproto ipv6 tcp dport @synproxy_ports ct state invalid,untracked counter packets 0 "
            "bytes 0 {}\n"
            "\t\ttcp dport @synproxy_ports ct state invalid counter packets 0 bytes 0 drop\n\t}}\n",
            synproxy_options(p, p.mss4), synproxy_options(p, p.mss6)));
    }
    std::string out = fmt::format("table inet {} {{\n\tcomment \"ctguard shield: removed by ctguard shield --remove\"\n",
                                  kShieldTable);
    for (size_t i = 0; i < blocks.size(); ++i) {
        if (i > 0) out += "\n";
        out += blocks[i];
    }
    return out + "}\n";
}

std::string shield_load_script(const ShieldPlan& plan) {
    return fmt::format("table inet {0} {{}}\ndelete table inet {0}\n", kShieldTable) + shield_listing(plan);
}

std::string shield_remove_script() {
    return fmt::format("table inet {0} {{}}\ndelete table inet {0}\n", kShieldTable);
}

std::string zero_counters(std::string_view listing) {
    static const std::regex counter("counter packets [0-9]+ bytes [0-9]+");
    return std::regex_replace(std::string(listing), counter, "counter packets 0 bytes 0");
}

std::string synproxy_probe_script() {
    return "table inet ctguard_probe {\n\tchain input {\n\t\ttype filter hook input priority filter; "
           "policy accept;\n\t\ttcp dport 9 ct state invalid,untracked synproxy mss 1460\n\t}\n}\n";
}

std::string ct_timeout_probe_script() {
    return "table inet ctguard_probe {\n\tct timeout probe {\n\t\tprotocol tcp\n\t\tl3proto inet\n\t\t"
           "policy = { syn_sent : 5 }\n\t}\n}\n";
}

}  // namespace ctguard
