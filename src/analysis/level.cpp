#include "analysis/level.hpp"

namespace ctguard {

Level classify(uint64_t count, uint64_t max, const Thresholds& t) {
    if (count >= t.suspend) return Level::critical;
    if (max > 0 && static_cast<double>(count) >= kCappedFraction * static_cast<double>(max))
        return Level::capped;
    if (count >= t.warn) return Level::elevated;
    return Level::ok;
}

}  // namespace ctguard
