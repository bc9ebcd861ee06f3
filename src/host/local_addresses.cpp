#include "host/local_addresses.hpp"

#include <string>

#include "lib/text.hpp"

namespace ctguard {

std::vector<Cidr> parse_fib_trie_local(std::string_view text) {
    std::vector<Cidr> out;
    std::optional<IpAddr> leaf;
    for (auto raw : split(text, '\n')) {
        auto line = trim(raw);
        if (line.substr(0, 4) == "|-- ") {
            leaf = parse_ip(line.substr(4));
            continue;
        }
        // "/32 host LOCAL"
        if (!leaf || line.empty() || line[0] != '/') continue;
        auto f = split(line, ' ');
        if (f.size() < 3 || f.back() != "LOCAL") continue;
        auto prefix = parse_u64(f[0].substr(1), 32);
        if (!prefix) continue;
        auto cidr = parse_cidr(to_string(*leaf) + "/" + std::to_string(*prefix));
        if (cidr) out.push_back(*cidr);
    }
    return out;
}

std::vector<Cidr> parse_if_inet6(std::string_view text) {
    std::vector<Cidr> out;
    for (auto line : split(text, '\n')) {
        line = trim(line);
        if (line.size() < 32) continue;
        std::string colons;
        for (size_t i = 0; i < 32; i += 4) {
            if (i) colons += ':';
            colons += line.substr(i, 4);
        }
        if (auto c = parse_cidr(colons)) out.push_back(*c);
    }
    return out;
}

std::vector<Cidr> read_local_addresses(const RootDir& root) {
    std::vector<Cidr> out;
    if (auto t = read_small_file(root.path("/proc/net/fib_trie"), table_file_max))
        out = parse_fib_trie_local(*t);
    if (auto t = read_small_file(root.path("/proc/net/if_inet6"))) {
        auto v6 = parse_if_inet6(*t);
        out.insert(out.end(), v6.begin(), v6.end());
    }
    return out;
}

}  // namespace ctguard
