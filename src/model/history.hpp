#pragma once
// Incidents as the history store keeps them, and how `history` asks for them.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace ctguard {

struct HistoryRow {
    int64_t id = 0;
    std::string tenant;
    double start = 0;
    std::optional<double> end;
    std::string end_reason;
    uint64_t peak = 0;
    std::string peak_level;
    std::string levels_json;    // [{"at","level","previous","count"}, ...]
    std::string evidence_json;  // [{"at","level","count","top":{...},"processes":[...]}, ...]
};

struct HistoryQuery {
    std::string tenant_glob;      // "" for all; SQLite GLOB rules (like the shell's)
    std::optional<double> since;  // incidents still open or ended at or after this time
    size_t limit = 0;             // newest first; 0 = all
};

}  // namespace ctguard
