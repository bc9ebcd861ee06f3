#include "model/filter.hpp"

#include "lib/text.hpp"

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

}  // namespace ctguard
