#pragma once
// Per-source connection caps in nftables (table inet ctguard): what the user asks for and what is loaded.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/filter.hpp"
#include "model/ip.hpp"

namespace ctguard {

struct CapSpec {
    uint32_t per_source = 0;       // new connections beyond this many open ones are dropped
    std::vector<PortRange> ports;  // destination ports (TCP and UDP); empty: every new connection
    std::vector<Cidr> exempt;      // sources never capped

    bool operator==(const CapSpec& o) const;
};

struct CapState {
    bool installed = false;
    std::optional<CapSpec> spec;       // nullopt when the table is not the shape ctguard loads
    uint64_t dropped_packets = 0;      // counted by the cap rules
    std::vector<std::string> sources;  // addresses the caps are tracking right now
    std::string listing;               // `nft list table inet ctguard`
};

}  // namespace ctguard
