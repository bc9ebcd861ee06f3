#pragma once
// What the user asked to see: the filters of docs/CLI.md, parsed and validated. Matching lives in analysis/.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lib/result.hpp"
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

// The filter flags of docs/CLI.md as typed, which build_filter() validates: the commands read them
// from flags, and the daemon's socket from a request, so both accept and refuse the same.
struct FilterArgs {
    std::vector<std::string> src, dst;
    std::string sport, dport, proto, state, zone, mark;
};
Result<Filter> build_filter(const FilterArgs& args);

// The parsers of filter values that command flags and the daemon configuration share, so a mark or
// an address list means the same in both. Errors name `what` (a flag, or a configuration key).

// "P" or "LO-HI", 0-65535.
Result<PortRange> parse_port_range(const std::string& what, std::string_view text);
// "N" or "N/MASK", decimal or 0x hex, 32 bits; the value keeps only the bits of the mask.
Result<MarkMatch> parse_mark(const std::string& what, std::string_view text);
// Addresses or CIDRs ("198.18.0.0/15", "2001:db8::1"), blanks around each ignored.
Result<std::vector<Cidr>> parse_cidr_list(const std::string& what, const std::vector<std::string>& texts);

}  // namespace ctguard
