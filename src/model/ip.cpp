#include "model/ip.hpp"

#include <arpa/inet.h>

#include "lib/text.hpp"

namespace ctguard {

bool Cidr::contains(const IpAddr& a) const {
    if (a.family != net.family) return false;
    size_t full = prefix / 8;
    if (std::memcmp(a.bytes.data(), net.bytes.data(), full) != 0) return false;
    unsigned rest = prefix % 8;
    if (rest == 0) return true;
    auto mask = static_cast<uint8_t>(0xff << (8 - rest));
    return (a.bytes[full] & mask) == net.bytes[full];
}

std::optional<IpAddr> parse_ip(std::string_view text) {
    if (text.empty() || text.size() > 45) return std::nullopt;
    std::string s(text);
    IpAddr a;
    if (inet_pton(AF_INET, s.c_str(), a.bytes.data()) == 1) {
        a.family = AF_INET;
        return a;
    }
    if (inet_pton(AF_INET6, s.c_str(), a.bytes.data()) == 1) {
        a.family = AF_INET6;
        return a;
    }
    return std::nullopt;
}

std::optional<Cidr> parse_cidr(std::string_view text) {
    auto slash = text.find('/');
    auto addr = parse_ip(text.substr(0, slash));
    if (!addr) return std::nullopt;
    unsigned max_prefix = addr->family == AF_INET ? 32 : 128;
    unsigned prefix = max_prefix;
    if (slash != std::string_view::npos) {
        auto p = parse_u64(text.substr(slash + 1), max_prefix);
        if (!p) return std::nullopt;
        prefix = static_cast<unsigned>(*p);
    }
    Cidr c{*addr, static_cast<uint8_t>(prefix)};
    // Clear host bits so "198.18.0.1/15" means the same network as "198.18.0.0/15".
    for (unsigned bit = prefix; bit < max_prefix; ++bit) {
        c.net.bytes[bit / 8] &= static_cast<uint8_t>(~(0x80u >> (bit % 8)));
    }
    return c;
}

size_t format_ip(const IpAddr& a, char* buf) {
    if (a.family != AF_INET && a.family != AF_INET6) {
        buf[0] = '?';
        buf[1] = 0;
        return 1;
    }
    inet_ntop(a.family, a.bytes.data(), buf, INET6_ADDRSTRLEN);
    return std::strlen(buf);
}

std::string to_string(const IpAddr& a) {
    char buf[INET6_ADDRSTRLEN];
    return std::string(buf, format_ip(a, buf));
}

std::string to_string(const Cidr& c) {
    return to_string(c.net) + "/" + std::to_string(c.prefix);
}

IpAddr unmap_v4(const IpAddr& a) {
    static constexpr uint8_t kMappedPrefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    if (a.family != AF_INET6 || std::memcmp(a.bytes.data(), kMappedPrefix, 12) != 0) return a;
    IpAddr v4;
    v4.family = AF_INET;
    std::memcpy(v4.bytes.data(), a.bytes.data() + 12, 4);
    return v4;
}

}  // namespace ctguard
