#include "model/filter.hpp"

#include "lib/text.hpp"
#include "model/flow.hpp"

namespace ctguard {

Result<PortRange> parse_port_range(const std::string& what, std::string_view text) {
    auto dash = text.find('-');
    auto lo = parse_u64(text.substr(0, dash), 65535);
    auto hi = dash == std::string_view::npos ? lo : parse_u64(text.substr(dash + 1), 65535);
    if (!lo || !hi || *lo > *hi) {
        return Error::usage(what, "'" + std::string(text) + "' is not a port (0-65535) or range LO-HI");
    }
    return PortRange{static_cast<uint16_t>(*lo), static_cast<uint16_t>(*hi)};
}

Result<MarkMatch> parse_mark(const std::string& what, std::string_view text) {
    auto slash = text.find('/');
    auto value = parse_u64_any_base(text.substr(0, slash), UINT32_MAX);
    auto mask = slash == std::string_view::npos ? std::optional<uint64_t>(UINT32_MAX)
                                                : parse_u64_any_base(text.substr(slash + 1), UINT32_MAX);
    if (!value || !mask) return Error::usage(what, "'" + std::string(text) + "' is not a mark N or N/MASK");
    return MarkMatch{static_cast<uint32_t>(*value & *mask), static_cast<uint32_t>(*mask)};
}

Result<std::vector<Cidr>> parse_cidr_list(const std::string& what, const std::vector<std::string>& texts) {
    std::vector<Cidr> out;
    for (const auto& t : texts) {
        auto c = parse_cidr(trim(t));
        if (!c) {
            return Error::usage(what, "'" + t + "' is not an IP address or CIDR",
                                "e.g. 198.18.0.0/15 or 2001:db8::/32");
        }
        out.push_back(*c);
    }
    return out;
}

Result<Filter> build_filter(const FilterArgs& a) {
    Filter f;
    auto src = parse_cidr_list("--src", a.src);
    if (!src) return src.error();
    f.src = *src;
    auto dst = parse_cidr_list("--dst", a.dst);
    if (!dst) return dst.error();
    f.dst = *dst;
    if (!a.sport.empty()) {
        auto r = parse_port_range("--sport", a.sport);
        if (!r) return r.error();
        f.sport = *r;
    }
    if (!a.dport.empty()) {
        auto r = parse_port_range("--dport", a.dport);
        if (!r) return r.error();
        f.dport = *r;
    }
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
        auto m = parse_mark("--mark", a.mark);
        if (!m) return m.error();
        f.mark = *m;
    }
    return f;
}

}  // namespace ctguard
