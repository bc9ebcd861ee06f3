#pragma once
// How fast a table grows and when it will be full, from one count per interval.
#include <cstdint>
#include <optional>

namespace ctguard {

class GrowthTracker {
  public:
    // Exponential smoothing with this time constant (seconds): a burst shows within a few
    // intervals, one noisy interval does not swing the forecast.
    explicit GrowthTracker(double time_constant = 10) : tau_(time_constant) {}
    // Feeds the count at `now` (seconds, monotonic); returns the smoothed entries per second.
    double update(uint64_t count, double now);
    double per_second() const { return rate_; }

  private:
    double tau_;
    std::optional<double> last_at_;
    uint64_t last_count_ = 0;
    double rate_ = 0;
    bool have_rate_ = false;
};

// Seconds until `count` reaches `target` at `per_second`: 0 when already there, nullopt when the
// table is not growing (or there is no target).
std::optional<double> seconds_until(uint64_t count, uint64_t target, double per_second);

}  // namespace ctguard
