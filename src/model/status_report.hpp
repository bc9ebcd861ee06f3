#pragma once
// What `status` reports for one table: its figures and the level they put it at.
#include <optional>

#include "model/drops.hpp"
#include "model/level.hpp"
#include "model/table_stats.hpp"

namespace ctguard {

struct StatusReport {
    TableStats table;
    Level level = Level::ok;
    Thresholds thresholds;
    std::optional<DropReport> drops;  // why packets drop; nullopt where it was not looked at
};

}  // namespace ctguard
