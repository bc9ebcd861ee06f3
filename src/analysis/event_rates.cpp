#include "analysis/event_rates.hpp"

namespace ctguard {

namespace {

constexpr int64_t kSlots = static_cast<int64_t>(EventRates::kSeconds + 1);

size_t slot(int64_t second) {
    return static_cast<size_t>(((second % kSlots) + kSlots) % kSlots);
}

}  // namespace

SecondCounts& EventRates::at(int64_t second) {
    const size_t i = slot(second);
    if (stamp_[i] != second) {  // a slot from a minute ago (or never used) starts over
        ring_[i] = {};
        stamp_[i] = second;
    }
    return ring_[i];
}

SecondCounts EventRates::get(int64_t second) const {
    const size_t i = slot(second);
    return stamp_[i] == second ? ring_[i] : SecondCounts{};
}

SecondCounts EventRates::last_second(int64_t now) const {
    return get(now - 1);
}

std::vector<SecondCounts> EventRates::history(int64_t now) const {
    std::vector<SecondCounts> out;
    out.reserve(kSeconds);
    for (int64_t s = now - static_cast<int64_t>(kSeconds); s < now; ++s) out.push_back(get(s));
    return out;
}

}  // namespace ctguard
