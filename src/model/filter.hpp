#pragma once
// What the user asked to see: the filters of docs/CLI.md, parsed and validated. Matching lives in analysis/.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/ip.hpp"

namespace ctguard {

struct PortRange {
    uint16_t lo = 0, hi = 0;
    bool contains(uint16_t p) const { return p >= lo && p <= hi; }
};

struct MarkMatch {
    uint32_t value = 0, mask = 0xffffffff;
};

struct Filter {
    std::vector<Cidr> src, dst;  // any of them matches (original direction)
    std::optional<PortRange> sport, dport;
    std::optional<uint8_t> proto;
    std::string state;  // upper case: a protocol state name, or UNREPLIED / ASSURED
    std::optional<uint16_t> zone;
    std::optional<MarkMatch> mark;

    bool empty() const {
        return src.empty() && dst.empty() && !sport && !dport && !proto && state.empty() && !zone && !mark;
    }
};

}  // namespace ctguard
