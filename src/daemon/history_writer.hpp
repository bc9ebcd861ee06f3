#pragma once
// Saves incidents to the history database on its own thread, so a locked database, a slow or full
// disk never delays counting. The newest version of every unsaved incident stays in memory and is
// retried every second until it is stored; nothing recorded is dropped while the daemon runs.
#include <condition_variable>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "model/incident.hpp"
#include "store/history_store.hpp"

namespace ctguard {

class HistoryWriter {
  public:
    // `retention`: closed incidents older than this many seconds are deleted (at start, then hourly).
    HistoryWriter(std::string path, double retention, double retry_seconds = 1.0);
    ~HistoryWriter();
    HistoryWriter(const HistoryWriter&) = delete;
    HistoryWriter& operator=(const HistoryWriter&) = delete;

    // Queues this version of the incident (replacing an older unsaved version of it).
    void save(Incident incident);
    // One last attempt (bounded by the busy timeout), then stops; returns what could not be saved.
    std::vector<Incident> finish();
    size_t pending() const;
    const std::string& path() const { return path_; }

  private:
    using Key = std::pair<std::string, double>;  // tenant, start: the database's unique key
    struct Entry {
        uint64_t version = 0;
        Incident incident;
    };
    void loop();
    // Stores a copy of what is pending; true when it all went in.
    bool attempt(std::unique_lock<std::mutex>& lock);
    // attempt(), where an exception (not an SQLite error: the store returns those) is logged and
    // counts as a failed attempt, so the incidents stay pending and the thread goes on.
    bool attempt_guarded(std::unique_lock<std::mutex>& lock);
    void report_failure(const Error& e, size_t count);

    const std::string path_;
    const double retention_, retry_seconds_;
    mutable std::mutex mu_;
    std::condition_variable cv_;
    std::map<Key, Entry> pending_;
    uint64_t next_version_ = 1;
    bool stop_ = false;

    // Used only by the writer thread.
    std::optional<HistoryStore> store_;
    bool opened_once_ = false;
    double next_retention_ = 0;
    uint64_t failed_attempts_ = 0;
    std::string last_error_;
    double last_error_logged_ = 0;

    std::thread thread_;
};

}  // namespace ctguard
