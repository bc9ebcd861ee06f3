#pragma once
// The latest FleetSnapshot, shared between the daemon loop (publishes one per interval) and readers
// on other threads (the /metrics server). Readers get an immutable copy that stays valid while held.
#include <memory>
#include <mutex>

#include "model/fleet.hpp"

namespace ctguard {

class SnapshotStore {
  public:
    void publish(FleetSnapshot snapshot) {
        auto p = std::make_shared<const FleetSnapshot>(std::move(snapshot));
        std::lock_guard lock(mu_);
        latest_ = std::move(p);
    }
    // nullptr until the first interval has been collected.
    std::shared_ptr<const FleetSnapshot> latest() const {
        std::lock_guard lock(mu_);
        return latest_;
    }

  private:
    mutable std::mutex mu_;
    std::shared_ptr<const FleetSnapshot> latest_;
};

}  // namespace ctguard
