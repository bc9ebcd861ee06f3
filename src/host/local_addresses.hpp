#pragma once
// The addresses this network namespace owns, to tell a local flow without a socket from a
// forwarded one: /proc/net/fib_trie (IPv4 "host LOCAL" routes) and /proc/net/if_inet6.
#include <string_view>
#include <vector>

#include "lib/root_dir.hpp"
#include "model/ip.hpp"

namespace ctguard {

// IPv4 local routes. The file is an indented trie; a leaf line names an address and the line
// after it its route, e.g.
//            |-- 198.18.0.1
//               /32 host LOCAL
// and "/8 host LOCAL" under 127.0.0.0 makes the whole loopback prefix local.
std::vector<Cidr> parse_fib_trie_local(std::string_view text);
// "20010db8000000000000000000000001 02 40 00 80 veth0": address, ifindex, prefix, scope, flags, name.
std::vector<Cidr> parse_if_inet6(std::string_view text);

std::vector<Cidr> read_local_addresses(const RootDir& root);

}  // namespace ctguard
