#pragma once
#include <cstdint>

#include "model/level.hpp"

namespace ctguard {

// A table within this fraction of nf_conntrack_max is "pinned at its cap".
inline constexpr double kCappedFraction = 0.97;

// critical from `suspend` (the provider's suspension line); capped when the count sits within 3% of
// nf_conntrack_max (new connections are being dropped: typical of a flood); elevated from `warn`.
Level classify(uint64_t count, uint64_t max, const Thresholds& t);

}  // namespace ctguard
