#include "analysis/hysteresis.hpp"

#include <algorithm>
#include <cmath>

#include "analysis/level.hpp"

namespace ctguard {

Level tenant_level(uint64_t count, uint64_t max, const Thresholds& t) {
    Level l = classify(count, max, t);
    if (l < Level::capped && count >= t.cap) l = Level::capped;
    return l;
}

uint64_t level_threshold(Level level, uint64_t max, const Thresholds& t) {
    switch (level) {
        case Level::ok:
            return 0;
        case Level::elevated:
            return t.warn;
        case Level::capped: {
            if (max == 0) return t.cap;
            auto pinned = static_cast<uint64_t>(std::ceil(kCappedFraction * static_cast<double>(max)));
            return std::min(t.cap, pinned);
        }
        case Level::critical:
            return t.suspend;
    }
    return 0;
}

Level LevelTracker::update(uint64_t count, uint64_t max, const Thresholds& t, double recover_after,
                           double now) {
    Level raw = tenant_level(count, max, t);
    if (raw >= level_) {
        level_ = raw;
        calm_since_.reset();
        return level_;
    }
    double line = kRecoverFraction * static_cast<double>(level_threshold(level_, max, t));
    if (static_cast<double>(count) >= line) {
        calm_since_.reset();  // between 90% and the threshold: not calm yet
        return level_;
    }
    if (!calm_since_) calm_since_ = now;
    if (now - *calm_since_ >= recover_after) {
        level_ = raw;
        calm_since_.reset();
    }
    return level_;
}

}  // namespace ctguard
