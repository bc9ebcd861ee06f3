#pragma once
// What `top` answers: entries grouped by one or more keys, largest groups first.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/ip.hpp"

namespace ctguard {

enum class TopKey : uint8_t { src, dst, sport, dport, proto, state, zone, mark, process, netns };

std::optional<TopKey> parse_top_key(std::string_view name);
std::string_view top_key_name(TopKey key);

// The values of one group, for the keys it was grouped by (others stay default).
struct GroupValues {
    IpAddr src, dst;
    std::optional<uint16_t> sport, dport;  // nullopt for protocols without ports
    uint8_t proto = 0;
    uint8_t state_id = 0;  // state_name_by_id(); 0 for protocols without state
    uint16_t zone = 0;
    uint32_t mark = 0;
    std::string process;  // the owner's label, e.g. "nginx[1234]", "(forwarded)", "(no socket)"
    std::string netns;    // the namespace's name (top --all-netns), "host" for the caller's own

    bool operator==(const GroupValues&) const = default;
};

struct TopRow {
    GroupValues values;
    uint64_t count = 0;
};

struct TopResult {
    std::vector<TopKey> by;
    uint64_t total = 0;        // entries that passed the filter
    uint64_t groups = 0;       // distinct groups
    std::vector<TopRow> rows;  // largest first, at most n
    uint64_t other = 0;        // entries in groups beyond the first n
};

}  // namespace ctguard
