#include "analysis/growth.hpp"

#include <cmath>

namespace ctguard {

double GrowthTracker::update(uint64_t count, double now) {
    if (last_at_ && now > *last_at_) {
        double dt = now - *last_at_;
        double instant = (static_cast<double>(count) - static_cast<double>(last_count_)) / dt;
        if (!have_rate_) {
            rate_ = instant;  // the first difference is the best estimate there is
            have_rate_ = true;
        } else {
            double alpha = 1.0 - std::exp(-dt / tau_);
            rate_ += alpha * (instant - rate_);
        }
    }
    last_at_ = now;
    last_count_ = count;
    return rate_;
}

std::optional<double> seconds_until(uint64_t count, uint64_t target, double per_second) {
    if (target == 0) return std::nullopt;
    if (count >= target) return 0.0;
    // Below one entry per minute the forecast would be years of noise.
    if (per_second <= 1.0 / 60.0) return std::nullopt;
    return static_cast<double>(target - count) / per_second;
}

}  // namespace ctguard
