#include "daemon/history_writer.hpp"

#include <fmt/format.h>

#include <chrono>

#include "lib/log.hpp"
#include "lib/time_text.hpp"

namespace ctguard {

namespace {
constexpr int kBusyTimeoutMs = 1000;
constexpr double kRetentionEvery = 3600;
constexpr double kRepeatErrorEvery = 60;  // a failure that lasts is logged again this often
}  // namespace

HistoryWriter::HistoryWriter(std::string path, double retention, double retry_seconds)
    : path_(std::move(path)),
      retention_(retention),
      retry_seconds_(retry_seconds),
      thread_([this] { loop(); }) {}

HistoryWriter::~HistoryWriter() {
    finish();
}

void HistoryWriter::save(Incident incident) {
    std::lock_guard lock(mu_);
    auto& e = pending_[{incident.tenant, incident.start}];
    e.version = next_version_++;
    e.incident = std::move(incident);
    cv_.notify_one();
}

size_t HistoryWriter::pending() const {
    std::lock_guard lock(mu_);
    return pending_.size();
}

std::vector<Incident> HistoryWriter::finish() {
    {
        std::lock_guard lock(mu_);
        if (stop_) return {};
        stop_ = true;
        cv_.notify_one();
    }
    thread_.join();
    std::vector<Incident> left;
    for (auto& [k, e] : pending_) left.push_back(std::move(e.incident));
    pending_.clear();
    return left;
}

void HistoryWriter::report_failure(const Error& e, size_t count) {
    ++failed_attempts_;
    std::string why = e.why + (e.hint.empty() ? "" : " (" + e.hint + ")");
    // Logged when the reason changes, when incidents start to wait, and once a minute meanwhile.
    std::string key = why + (count == 0 ? "" : " pending");
    double now = monotonic_seconds();
    if (key == last_error_ && now - last_error_logged_ < kRepeatErrorEvery) return;
    last_error_ = key;
    last_error_logged_ = now;
    if (count == 0) {
        log_error(
            fmt::format("history {}: cannot open: {}; retrying every {:g} s", path_, why, retry_seconds_));
    } else {
        log_error(fmt::format(
            "history {}: cannot save {} incident(s): {}; keeping them in memory and retrying every {:g} s",
            path_, count, why, retry_seconds_));
    }
}

bool HistoryWriter::attempt(std::unique_lock<std::mutex>& lock) {
    std::vector<Incident> batch;
    std::vector<std::pair<Key, uint64_t>> versions;
    for (const auto& [k, e] : pending_) {
        batch.push_back(e.incident);
        versions.emplace_back(k, e.version);
    }
    lock.unlock();

    bool ok = true;
    if (!store_) {
        auto s = HistoryStore::open_for_writing(path_, kBusyTimeoutMs);
        if (!s) {
            report_failure(s.error(), batch.size());
            ok = false;
        } else {
            store_.emplace(std::move(*s));
        }
    }
    if (ok && !opened_once_) {
        // Incidents a previous daemon left open (it died) end at their last update.
        auto closed = store_->close_interrupted();
        if (closed && *closed > 0)
            log_warning(
                fmt::format("history {}: closed {} incident(s) a previous run left open", path_, *closed));
        opened_once_ = true;
    }
    if (ok && monotonic_seconds() >= next_retention_) {
        auto deleted = store_->delete_closed_before(wall_seconds() - retention_);
        if (deleted) {
            if (*deleted > 0)
                log_info(fmt::format("history {}: deleted {} incident(s) past retention", path_, *deleted));
            next_retention_ = monotonic_seconds() + kRetentionEvery;
        }
    }
    if (ok && !batch.empty()) {
        auto r = store_->save(batch, wall_seconds());
        if (!r) {
            report_failure(r.error(), batch.size());
            ok = false;
        }
    }
    if (!ok) {
        store_.reset();  // reopen next time: the file may have been replaced or repaired
    } else if (failed_attempts_ > 0) {
        log_info(
            batch.empty()
                ? fmt::format("history {}: usable again after {} failed attempt(s)", path_, failed_attempts_)
                : fmt::format("history {}: saved {} pending incident(s) after {} failed attempt(s)", path_,
                              batch.size(), failed_attempts_));
        failed_attempts_ = 0;
        last_error_.clear();
    }

    lock.lock();
    if (ok) {
        // Versions queued while we were writing stay for the next round.
        for (const auto& [k, v] : versions) {
            auto it = pending_.find(k);
            if (it != pending_.end() && it->second.version == v) pending_.erase(it);
        }
    }
    return ok;
}

bool HistoryWriter::attempt_guarded(std::unique_lock<std::mutex>& lock) {
    bool ok = false;
    if (run_logged("history " + path_, [&] { ok = attempt(lock); })) return ok;
    if (!lock.owns_lock()) lock.lock();
    store_.reset();
    return false;
}

void HistoryWriter::loop() {
    std::unique_lock lock(mu_);
    // Open at once: a broken database shows in the log at start, not at the first incident.
    bool ok = attempt_guarded(lock);
    while (!stop_) {
        auto wait = std::chrono::duration<double>(ok ? kRetentionEvery : retry_seconds_);
        cv_.wait_for(lock, wait, [&] { return stop_ || (ok && !pending_.empty()); });
        if (stop_) break;
        ok = attempt_guarded(lock);
    }
    if (!pending_.empty()) attempt_guarded(lock);
}

}  // namespace ctguard
