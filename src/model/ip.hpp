#pragma once
// IPv4/IPv6 addresses and CIDR prefixes as plain values (network byte order bytes).
#include <sys/socket.h>

#include <array>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

namespace ctguard {

struct IpAddr {
    uint8_t family = 0;               // AF_INET or AF_INET6; 0 when absent
    std::array<uint8_t, 16> bytes{};  // IPv4 uses the first 4; unused bytes are always zero

    size_t size() const { return family == AF_INET6 ? 16 : family == AF_INET ? 4 : 0; }
    bool operator==(const IpAddr& o) const {
        return family == o.family && std::memcmp(bytes.data(), o.bytes.data(), size()) == 0;
    }
};

struct Cidr {
    IpAddr net;  // host bits cleared
    uint8_t prefix = 0;

    bool contains(const IpAddr& a) const;
};

std::optional<IpAddr> parse_ip(std::string_view text);
// "198.18.0.0/15", "2001:db8::/32", or a bare address (a /32 or /128).
std::optional<Cidr> parse_cidr(std::string_view text);
std::string to_string(const IpAddr& a);
std::string to_string(const Cidr& c);
// Writes the address into buf (at least 46 bytes); returns the length. For hot output paths.
size_t format_ip(const IpAddr& a, char* buf);
// An IPv4-mapped IPv6 address (::ffff:198.18.0.1, a dual-stack socket's view of IPv4) as IPv4;
// conntrack keys IPv4 flows by their IPv4 addresses. Any other address is returned unchanged.
IpAddr unmap_v4(const IpAddr& a);

}  // namespace ctguard
