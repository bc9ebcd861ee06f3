#pragma once
// A tenant's level over time: up at once when a threshold is crossed, down only after the count has
// stayed below 90% of the current level's threshold for `for` seconds (no flapping at the line).
#include <cstdint>
#include <optional>

#include "model/level.hpp"

namespace ctguard {

inline constexpr double kRecoverFraction = 0.9;

// The level a count is at, without memory: classify() (suspend, pinned at nf_conntrack_max, warn),
// and capped from the configured cap threshold as well.
Level tenant_level(uint64_t count, uint64_t max, const Thresholds& t);
// The count where `level` starts.
uint64_t level_threshold(Level level, uint64_t max, const Thresholds& t);

class LevelTracker {
  public:
    // Feeds one interval's count at time `now` (seconds); returns the level after it.
    Level update(uint64_t count, uint64_t max, const Thresholds& t, double recover_after, double now);
    Level level() const { return level_; }

  private:
    Level level_ = Level::ok;
    std::optional<double> calm_since_;  // when the count last went below 90% of the level's threshold
};

}  // namespace ctguard
