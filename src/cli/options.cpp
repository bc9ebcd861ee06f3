#include "cli/options.hpp"

#include <unistd.h>

#include <cstdio>

#include "lib/text.hpp"
#include "model/flow.hpp"

namespace ctguard {

void add_filter_options(CLI::App* cmd, FilterArgs& a) {
    cmd->add_option("--src", a.src, "original source address or CIDR (repeatable, comma-separated)")
        ->delimiter(',');
    cmd->add_option("--dst", a.dst, "original destination address or CIDR (repeatable, comma-separated)")
        ->delimiter(',');
    cmd->add_option("--sport", a.sport, "source port or range LO-HI");
    cmd->add_option("--dport", a.dport, "destination port or range LO-HI");
    cmd->add_option("--proto", a.proto, "protocol name or number (tcp, udp, icmp, 132, ...)");
    cmd->add_option("--state", a.state,
                    "state name as conntrack -L prints it (SYN_SENT, ...), UNREPLIED or ASSURED");
    cmd->add_option("--zone", a.zone, "conntrack zone");
    cmd->add_option("--mark", a.mark, "connection mark N or N/MASK (decimal or 0x hex)");
}

Result<std::vector<Cidr>> parse_cidrs(const char* flag, const std::vector<std::string>& texts) {
    std::vector<Cidr> out;
    for (const auto& t : texts) {
        auto c = parse_cidr(trim(t));
        if (!c)
            return Error::usage(flag, "'" + t + "' is not an IP address or CIDR",
                                "e.g. 198.18.0.0/15 or 2001:db8::/32");
        out.push_back(*c);
    }
    return out;
}

Result<std::optional<PortRange>> parse_ports(const char* flag, const std::string& text) {
    if (text.empty()) return std::optional<PortRange>{};
    auto dash = text.find('-');
    auto lo = parse_u64(std::string_view(text).substr(0, dash), 65535);
    auto hi = dash == std::string::npos ? lo : parse_u64(std::string_view(text).substr(dash + 1), 65535);
    if (!lo || !hi || *lo > *hi) {
        return Error::usage(flag, "'" + text + "' is not a port (0-65535) or range LO-HI");
    }
    return std::optional<PortRange>(PortRange{static_cast<uint16_t>(*lo), static_cast<uint16_t>(*hi)});
}

Result<Filter> build_filter(const FilterArgs& a) {
    Filter f;
    auto src = parse_cidrs("--src", a.src);
    if (!src) return src.error();
    f.src = *src;
    auto dst = parse_cidrs("--dst", a.dst);
    if (!dst) return dst.error();
    f.dst = *dst;
    auto sport = parse_ports("--sport", a.sport);
    if (!sport) return sport.error();
    f.sport = *sport;
    auto dport = parse_ports("--dport", a.dport);
    if (!dport) return dport.error();
    f.dport = *dport;
    if (!a.proto.empty()) {
        f.proto = parse_proto(a.proto);
        if (!f.proto)
            return Error::usage("--proto", "unknown protocol '" + a.proto + "'",
                                "use a name (tcp, udp, icmp, icmpv6, sctp, dccp, gre) or a number");
    }
    if (!a.state.empty()) {
        f.state = to_upper(a.state);
        if (f.state != "UNREPLIED" && f.state != "ASSURED" && !is_state_name(f.state)) {
            return Error::usage("--state", "unknown state '" + a.state + "'",
                                "e.g. ESTABLISHED, SYN_SENT, SYN_RECV, TIME_WAIT, UNREPLIED");
        }
    }
    if (!a.zone.empty()) {
        auto z = parse_u64(a.zone, 65535);
        if (!z) return Error::usage("--zone", "'" + a.zone + "' is not a zone number (0-65535)");
        f.zone = static_cast<uint16_t>(*z);
    }
    if (!a.mark.empty()) {
        auto slash = a.mark.find('/');
        auto v = parse_u64_any_base(std::string_view(a.mark).substr(0, slash), UINT32_MAX);
        auto m = slash == std::string::npos
                     ? std::optional<uint64_t>(UINT32_MAX)
                     : parse_u64_any_base(std::string_view(a.mark).substr(slash + 1), UINT32_MAX);
        if (!v || !m) return Error::usage("--mark", "'" + a.mark + "' is not a mark N or N/MASK");
        f.mark = MarkMatch{static_cast<uint32_t>(*v & *m), static_cast<uint32_t>(*m)};
    }
    return f;
}

const CLI::Validator kWholeNumber(
    [](std::string& s) -> std::string {
        if (!s.empty() && s.find_first_not_of("0123456789") == std::string::npos) return "";
        return "'" + s + "' is not a whole number";
    },
    "N");

void add_threshold_options(CLI::App* cmd, Thresholds& t) {
    cmd->add_option("--warn", t.warn, "entries from which the level is elevated")
        ->capture_default_str()
        ->check(kWholeNumber);
    cmd->add_option("--cap", t.cap, "the nf_conntrack_max we recommend")
        ->capture_default_str()
        ->check(kWholeNumber);
    cmd->add_option("--suspend", t.suspend, "entries from which the level is critical (the provider's line)")
        ->capture_default_str()
        ->check(kWholeNumber);
}

Result<void> check_thresholds(const Thresholds& t) {
    if (t.warn == 0 || t.suspend == 0 || t.cap == 0) {
        return Error::usage("thresholds", "--warn, --cap and --suspend must be positive");
    }
    if (t.warn > t.suspend) {
        return Error::usage("thresholds", "--warn (" + std::to_string(t.warn) + ") is above --suspend (" +
                                              std::to_string(t.suspend) + ")");
    }
    return {};
}

void print_json(const nlohmann::json& j) {
    std::string s = isatty(STDOUT_FILENO) ? j.dump(2) : j.dump();
    s += '\n';
    std::fwrite(s.data(), 1, s.size(), stdout);
}

void print_json_line(const nlohmann::json& j) {
    std::string s = j.dump();
    s += '\n';
    std::fwrite(s.data(), 1, s.size(), stdout);
}

void print_text(const std::string& s) {
    std::fwrite(s.data(), 1, s.size(), stdout);
}

}  // namespace ctguard
