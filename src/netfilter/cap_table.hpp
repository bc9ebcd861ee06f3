#pragma once
// Reading table inet ctguard back from the kernel (nft's JSON listing) into a CapState.
#include <string_view>

#include "model/cap.hpp"
#include "netfilter/nftables.hpp"

namespace ctguard {

// Parses `nft -j list table inet ctguard` (libnftables JSON schema 1):
//   {"nftables": [{"metainfo": {...}}, {"table": {...}},
//     {"set": {"name": "exempt4", "elem": ["198.18.9.5", {"prefix": {"addr": "198.18.0.0", "len": 15}}]}},
//     {"rule": {"chain": "input", "expr": [{"match": {"left": {"payload": {"protocol": "th", "field":
//     "dport"}},
//        "right": {"set": [22, {"range": [8000, 8100]}]}}}, ..., {"set": {"op": "add", "set": "@cap4",
//        "stmt": [{"ct count": {"val": 3, "inv": true}}]}}, {"counter": {"packets": 10, "bytes": 600}},
//        {"drop": null}]}}]}
// Anything else in the table makes `spec` nullopt (it is not what ctguard loads).
CapState parse_cap_listing(std::string_view json);

// installed=false when the table does not exist.
Result<CapState> read_cap_state(Nftables& nft);

}  // namespace ctguard
