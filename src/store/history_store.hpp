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
#include "model/history.hpp"
#include "model/incident.hpp"

namespace ctguard {

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
