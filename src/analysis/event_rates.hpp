#pragma once
// New and destroyed entries per second over the last minute, for a live view's header and its
// sparkline. Pure: the caller passes the time (whole seconds on any clock that only goes forward).
#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace ctguard {

struct SecondCounts {
    uint64_t created = 0, destroyed = 0;
};

class EventRates {
  public:
    static constexpr size_t kSeconds = 60;

    void created(int64_t second, uint64_t n = 1) { at(second).created += n; }
    void destroyed(int64_t second, uint64_t n = 1) { at(second).destroyed += n; }
    // The last complete second before `now` (the one under way is still counting).
    SecondCounts last_second(int64_t now) const;
    // The kSeconds complete seconds before `now`, oldest first; seconds without events are zero.
    std::vector<SecondCounts> history(int64_t now) const;

  private:
    SecondCounts& at(int64_t second);
    SecondCounts get(int64_t second) const;

    std::array<SecondCounts, kSeconds + 1> ring_{};  // + the second under way
    std::array<int64_t, kSeconds + 1> stamp_{};      // which second each slot holds
};

}  // namespace ctguard
