#pragma once
// How worried to be about a table: thresholds in, level out (analysis/level.cpp decides).
#include <cstdint>
#include <optional>
#include <string_view>

namespace ctguard {

enum class Level { ok, elevated, capped, critical };

struct Thresholds {
    uint64_t warn = 10000;     // normal hosts stay below this
    uint64_t cap = 29000;      // the nf_conntrack_max we recommend under a provider's line
    uint64_t suspend = 30000;  // the provider suspends the guest above this

    bool operator==(const Thresholds&) const = default;
};

std::string_view level_name(Level l);
std::optional<Level> parse_level(std::string_view name);

}  // namespace ctguard
