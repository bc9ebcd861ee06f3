#include "host/proc_net_sockets.hpp"

#include <netinet/in.h>

#include <charconv>
#include <cstring>

#include "lib/text.hpp"

namespace ctguard {

namespace {

std::optional<uint32_t> parse_hex32(std::string_view s) {
    uint32_t v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v, 16);
    if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
    return v;
}

// "0100007F:0277" or "00000000000000000000000001000000:0016"
bool parse_endpoint(std::string_view text, uint8_t family, IpAddr& addr, uint16_t& port) {
    size_t colon = text.find(':');
    size_t words = family == AF_INET6 ? 4 : 1;
    if (colon != words * 8) return false;
    addr.family = family;
    for (size_t w = 0; w < words; ++w) {
        auto v = parse_hex32(text.substr(w * 8, 8));
        if (!v) return false;
        std::memcpy(addr.bytes.data() + w * 4, &*v, 4);  // the kernel printed the word in host order
    }
    auto p = parse_hex32(text.substr(colon + 1));
    if (!p || *p > 0xffff) return false;
    port = static_cast<uint16_t>(*p);
    addr = unmap_v4(addr);
    return true;
}

// Whitespace-separated fields (the tables pad with runs of spaces).
std::vector<std::string_view> fields_of(std::string_view line) {
    std::vector<std::string_view> out;
    size_t i = 0;
    while (i < line.size()) {
        while (i < line.size() && line[i] == ' ') ++i;
        size_t start = i;
        while (i < line.size() && line[i] != ' ') ++i;
        if (i > start) out.push_back(line.substr(start, i - start));
    }
    return out;
}

// Calls fn for each line after the header of a /proc/net table.
template <class Fn>
void for_each_data_line(const std::string& path, Fn fn) {
    auto text = read_small_file(path, table_file_max);
    if (!text) return;
    bool header = true;
    for (auto line : split(*text, '\n')) {
        if (header) {
            header = false;
            continue;
        }
        if (!trim(line).empty()) fn(line);
    }
}

}  // namespace

bool parse_proc_net_inet_line(std::string_view line, uint8_t family, uint8_t proto, SocketEntry& out) {
    auto f = fields_of(line);
    if (f.size() < 10) return false;
    out.proto = proto;
    if (!parse_endpoint(f[1], family, out.local, out.local_port)) return false;
    if (!parse_endpoint(f[2], family, out.remote, out.remote_port)) return false;
    auto st = parse_hex32(f[3]);
    auto inode = parse_u64(f[9]);
    if (!st || *st > 0xff || !inode) return false;
    out.state = static_cast<uint8_t>(*st);
    out.inode = *inode;
    return true;
}

uint64_t parse_proc_net_packet_line(std::string_view line) {
    auto f = fields_of(line);
    if (f.size() < 9) return 0;
    return parse_u64(f[8]).value_or(0);
}

std::vector<SocketEntry> read_proc_net_inet(const RootDir& root) {
    struct Table {
        const char* file;
        uint8_t family, proto;
    };
    static constexpr Table kTables[] = {{"/proc/net/tcp", AF_INET, IPPROTO_TCP},
                                        {"/proc/net/tcp6", AF_INET6, IPPROTO_TCP},
                                        {"/proc/net/udp", AF_INET, IPPROTO_UDP},
                                        {"/proc/net/udp6", AF_INET6, IPPROTO_UDP}};
    std::vector<SocketEntry> out;
    for (const auto& t : kTables) {
        for_each_data_line(root.path(t.file), [&](std::string_view line) {
            SocketEntry s;
            if (parse_proc_net_inet_line(line, t.family, t.proto, s)) out.push_back(s);
        });
    }
    return out;
}

std::vector<RawSocket> read_raw_sockets(const RootDir& root) {
    std::vector<RawSocket> out;
    for (auto [file, family] : {std::pair{"/proc/net/raw", AF_INET}, std::pair{"/proc/net/raw6", AF_INET6}}) {
        // A copy: clang 14 (the fuzz build) cannot capture a structured binding in a lambda.
        const auto af = static_cast<uint8_t>(family);
        for_each_data_line(root.path(file), [&](std::string_view line) {
            SocketEntry s;
            if (parse_proc_net_inet_line(line, af, IPPROTO_RAW, s) &&
                s.inode != 0) {
                out.push_back({RawKind::raw, s.inode});
            }
        });
    }
    for_each_data_line(root.path("/proc/net/packet"), [&](std::string_view line) {
        if (uint64_t inode = parse_proc_net_packet_line(line)) out.push_back({RawKind::packet, inode});
    });
    return out;
}

}  // namespace ctguard
