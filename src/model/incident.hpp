#pragma once
// What the daemon records when a tenant leaves the ok level: the incident (start, end, peak, every
// level change) and the evidence taken at each change; and the event sent to actions.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/level.hpp"
#include "model/process.hpp"
#include "model/top.hpp"

namespace ctguard {

// Who fills a tenant's table at one moment: top sources, destinations, destination ports, states
// (and, for the host, the processes behind the entries, as `procs` attributes and scores them).
struct Evidence {
    double at = 0;
    Level level = Level::ok;
    uint64_t count = 0;
    std::vector<TopResult> top;            // one per key, in kEvidenceKeys order
    std::optional<ProcsReport> processes;  // host only: the suspicious ones and the top-N by flows
    std::string error;                     // why the evidence is missing or partial ("" when complete)
};

inline constexpr TopKey kEvidenceKeys[] = {TopKey::src, TopKey::dst, TopKey::dport, TopKey::state};

struct LevelChange {
    double at = 0;
    Level level = Level::ok;
    Level previous = Level::ok;
    uint64_t count = 0;
};

struct Incident {
    std::string tenant;
    double start = 0;
    std::optional<double> end;
    std::string end_reason;  // recovered, vanished, removed, shutdown, interrupted
    uint64_t peak = 0;
    Level peak_level = Level::ok;
    std::vector<LevelChange> levels;
    std::vector<Evidence> evidence;
};

// A level change as actions receive it (the event shape of docs/CLI.md, plus the forecast).
struct LevelEvent {
    std::string tenant;
    LevelChange change;
    uint64_t max = 0;
    Thresholds thresholds;
    double growth_per_second = 0;
    std::optional<double> seconds_to_full;     // until nf_conntrack_max
    std::optional<double> seconds_to_suspend;  // until the suspend threshold
    Evidence evidence;
};

}  // namespace ctguard
