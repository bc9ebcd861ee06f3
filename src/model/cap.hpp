#pragma once
// Per-source connection caps in nftables (table inet ctguard): what the user asks for and what is loaded.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
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

// The ports as nft writes them ("22", "8000-8100").
std::vector<std::string> cap_port_texts(const CapSpec& s);
// The exempt networks of `family` (0: both) as nft writes them.
std::vector<std::string> cap_exempt_texts(const CapSpec& s, uint8_t family);

// Where a cap ruleset is loaded and which new connections it sees. Each user has a table of its own,
// so loading or removing one never touches the other's caps.
struct CapTable {
    std::string_view name;     // table inet NAME
    std::string_view comment;  // the ruleset's first line (the persisted file says who wrote it)
    // false: connections to this host only (hook input). true: every new connection of the
    // namespace: to it and through it (hook prerouting) and its own outbound ones (hook output).
    bool all_directions = false;
};

// `ctguard cap`: inbound caps, listed and removed by that command.
inline constexpr CapTable kCapTable{
    "ctguard",
    "ctguard cap: per-source connection caps (ctguard cap --list shows them, --remove drops them).", false};
// The daemon's built-in `cap` action, in a tenant's own namespace: loaded on a level change, removed
// on recovery; outbound too, since a compromised tenant fills its table with its own connections.
inline constexpr CapTable kDaemonCapTable{
    "ctguard_daemon", "ctguard daemon: the per-source cap of a `cap` action (removed on recovery).", true};

struct CapState {
    bool installed = false;
    std::optional<CapSpec> spec;       // nullopt when the table is not the shape ctguard loads
    uint64_t dropped_packets = 0;      // counted by the cap rules
    std::vector<std::string> sources;  // addresses the caps are tracking right now
    std::string listing;               // `nft list table inet ctguard`
};

}  // namespace ctguard
