#include "netfilter/cap_ruleset.hpp"

#include <fmt/format.h>
#include <sys/socket.h>

#include "lib/text.hpp"

namespace ctguard {

namespace {

// Distinct sources the caps track at once; a full set stops tracking new sources (they pass uncapped).
constexpr unsigned kTrackedSources = 65535;

std::string exempt_set(const char* name, const char* type, const std::vector<std::string>& elements) {
    std::string out = fmt::format("\tset {} {{\n\t\ttype {}\n\t\tflags interval\n", name, type);
    if (!elements.empty()) out += "\t\telements = { " + join(elements, ", ") + " }\n";
    return out + "\t}\n";
}

}  // namespace

std::string cap_ruleset(const CapSpec& s, const CapTable& t) {
    const std::string match =
        s.ports.empty() ? ""
                        : "meta l4proto { tcp, udp } th dport { " + join(cap_port_texts(s), ", ") + " } ";
    std::string out = fmt::format(
        "# {1}\n"
        "table inet {0} {{}}\n"
        "delete table inet {0}\n"
        "table inet {0} {{\n"
        "\tcomment \"per-source connection caps by ctguard\"\n",
        t.name, t.comment);
    out += exempt_set("exempt4", "ipv4_addr", cap_exempt_texts(s, AF_INET));
    out += exempt_set("exempt6", "ipv6_addr", cap_exempt_texts(s, AF_INET6));
    for (const char* set : {"cap4", "cap6"}) {
        out += fmt::format("\tset {} {{\n\t\ttype {}\n\t\tsize {}\n\t\tflags dynamic\n\t}}\n", set,
                           set[3] == '4' ? "ipv4_addr" : "ipv6_addr", kTrackedSources);
    }
    // Dropped before conntrack confirms it, a new connection never takes a table entry. Two chains
    // count into the same sets, so a source has one count whichever way its connections go.
    std::vector<std::string_view> hooks = {"input"};
    if (t.all_directions) hooks = {"prerouting", "output"};
    for (auto hook : hooks) {
        out += fmt::format(
            "\tchain {0} {{\n"
            "\t\ttype filter hook {0} priority filter; policy accept;\n"
            "\t\tip saddr @exempt4 return\n"
            "\t\tip6 saddr @exempt6 return\n"
            "\t\t{1}ct state new add @cap4 {{ ip saddr ct count over {2} }} counter drop\n"
            "\t\t{1}ct state new add @cap6 {{ ip6 saddr ct count over {2} }} counter drop\n"
            "\t}}\n",
            hook, match, s.per_source);
    }
    return out + "}\n";
}

std::string cap_remove_script(const CapTable& t) {
    return fmt::format("table inet {0} {{}}\ndelete table inet {0}\n", t.name);
}

}  // namespace ctguard
