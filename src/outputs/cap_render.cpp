#include "outputs/cap_render.hpp"

#include <fmt/format.h>

#include "lib/text.hpp"

namespace ctguard {

namespace {

// Distinct sources the caps track at once; a full set stops tracking new sources (they pass uncapped).
constexpr unsigned kTrackedSources = 65535;

std::string port_text(const PortRange& p) {
    return p.lo == p.hi ? std::to_string(p.lo) : fmt::format("{}-{}", p.lo, p.hi);
}

std::string join(const std::vector<std::string>& items, const char* sep) {
    std::string out;
    for (const auto& i : items) out += (out.empty() ? "" : sep) + i;
    return out;
}

std::vector<std::string> port_texts(const CapSpec& s) {
    std::vector<std::string> out;
    for (const auto& p : s.ports) out.push_back(port_text(p));
    return out;
}

std::vector<std::string> exempt_texts(const CapSpec& s, uint8_t family) {
    std::vector<std::string> out;
    for (const auto& c : s.exempt) {
        if (family == 0 || c.net.family == family) out.push_back(to_string(c));
    }
    return out;
}

std::string exempt_set(const char* name, const char* type, const std::vector<std::string>& elements) {
    std::string out = fmt::format("\tset {} {{\n\t\ttype {}\n\t\tflags interval\n", name, type);
    if (!elements.empty()) out += "\t\telements = { " + join(elements, ", ") + " }\n";
    return out + "\t}\n";
}

}  // namespace

std::string cap_ruleset(const CapSpec& s, const CapTable& t) {
    const std::string match =
        s.ports.empty() ? "" : "meta l4proto { tcp, udp } th dport { " + join(port_texts(s), ", ") + " } ";
    std::string out = fmt::format(
        "# {1}\n"
        "table inet {0} {{}}\n"
        "delete table inet {0}\n"
        "table inet {0} {{\n"
        "\tcomment \"per-source connection caps by ctguard\"\n",
        t.name, t.comment);
    out += exempt_set("exempt4", "ipv4_addr", exempt_texts(s, AF_INET));
    out += exempt_set("exempt6", "ipv6_addr", exempt_texts(s, AF_INET6));
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

std::string cap_summary(const CapSpec& s) {
    std::string out =
        fmt::format("at most {} open connections per source address (IPv4 and IPv6)", s.per_source);
    out += s.ports.empty() ? ", any protocol and port" : ", to TCP/UDP ports " + join(port_texts(s), ",");
    if (!s.exempt.empty()) out += "; exempt: " + join(exempt_texts(s, 0), ", ");
    return out;
}

nlohmann::json cap_spec_json(const CapSpec& s) {
    return {{"per_source", s.per_source}, {"ports", port_texts(s)}, {"exempt", exempt_texts(s, 0)}};
}

nlohmann::json cap_list_json(const CapState& st) {
    return {{"installed", st.installed},
            {"table", "inet ctguard"},
            {"spec", st.spec ? cap_spec_json(*st.spec) : nlohmann::json()},
            {"dropped_packets", st.dropped_packets},
            {"sources", st.sources}};
}

std::string cap_list_text(const CapState& st) {
    if (!st.installed) return "no caps: table inet ctguard is not loaded\n";
    std::string out;
    if (st.spec)
        out += "cap: " + cap_summary(*st.spec) + "\n";
    else
        out += "table inet ctguard is loaded but not in the shape ctguard writes (edited by hand?)\n";
    out += fmt::format("dropped: {} packets; tracking {} source(s)\n\n", with_thousands(st.dropped_packets),
                       st.sources.size());
    return out + st.listing;
}

}  // namespace ctguard
