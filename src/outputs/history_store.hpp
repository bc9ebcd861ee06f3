#pragma once
// The incident history: an embedded SQLite database (WAL, busy timeout). The daemon upserts whole
// incidents (keyed by tenant and start) so a retried save never duplicates; `history` reads.
#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "lib/result.hpp"
#include "model/incident.hpp"

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

class HistoryStore {
  public:
    // Creates the file and the schema when missing.
    static Result<HistoryStore> open_for_writing(const std::string& path, int busy_timeout_ms);
    // Never creates anything: a missing file is exit 69.
    static Result<HistoryStore> open_for_reading(const std::string& path, int busy_timeout_ms);

    // One transaction: all of them are stored, or none.
    Result<void> save(const std::vector<Incident>& incidents, double now);
    Result<uint64_t> delete_closed_before(double cutoff);
    // Incidents a daemon that died left open end at their last update ("interrupted").
    Result<uint64_t> close_interrupted();
    Result<std::vector<HistoryRow>> query(const HistoryQuery& q);
    const std::string& path() const { return path_; }

  private:
    HistoryStore(std::string path, std::unique_ptr<SQLite::Database> db)
        : path_(std::move(path)), db_(std::move(db)) {}
    std::string path_;
    std::unique_ptr<SQLite::Database> db_;
};

}  // namespace ctguard
