#include "store/history_store.hpp"

#include <SQLiteCpp/Exception.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cerrno>
#include <nlohmann/json.hpp>

#include "lib/json_text.hpp"
#include "model/daemon_config.hpp"
#include "report/incident_json.hpp"

namespace ctguard {

namespace {

constexpr int kSchemaVersion = 1;

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS incidents (
    id         INTEGER PRIMARY KEY,
    tenant     TEXT NOT NULL,
    started    REAL NOT NULL,  -- seconds since the epoch
    ended      REAL,           -- NULL while the incident is open
    end_reason TEXT,
    updated    REAL NOT NULL,
    peak       INTEGER NOT NULL,
    peak_level TEXT NOT NULL,
    levels     TEXT NOT NULL,  -- JSON array of level changes
    evidence   TEXT NOT NULL,  -- JSON array of evidence taken at each change
    UNIQUE (tenant, started)
);
CREATE INDEX IF NOT EXISTS incidents_ended ON incidents (ended);
)sql";

// Turns SQLite's complaint into one clear line and the hint that fixes it.
Error store_error(const std::string& path, const SQLite::Exception& e) {
    const std::string what = "history " + path;
    switch (e.getErrorCode()) {
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
            return Error::unavailable(what, e.what(),
                                      "another process holds a lock on it (an open sqlite3 shell?)");
        case SQLITE_CORRUPT:
        case SQLITE_NOTADB:
            return Error::unavailable(
                what, std::string(e.what()) + " (corrupt)",
                "move the file aside: a new one is then created and the old records stay in the moved file");
        case SQLITE_FULL:
            return Error::unavailable(what, e.what(), "free space on the file system that holds it");
        case SQLITE_PERM:
        case SQLITE_READONLY:
        case SQLITE_AUTH:
            return Error{Exit::noperm, what, e.what(),
                         "the daemon needs write access to the file and its directory"};
        case SQLITE_CANTOPEN:
            return Error::unavailable(what, e.what(), "does its directory exist and is it writable?");
        default:
            return Error::unavailable(what, e.what());
    }
}

template <class F>
auto guarded(const std::string& path, F&& f) -> decltype(f()) {
    try {
        return f();
    } catch (const SQLite::Exception& e) {
        return store_error(path, e);
    }
}

std::optional<double> column_time(const SQLite::Column& c) {
    if (c.isNull()) return std::nullopt;
    return c.getDouble();
}

// Rows written before levels had one spelling name them as actions' `on` does (warn, cap, suspend):
// they are read with the names written today (elevated, capped, critical).
std::string current_level_name(const std::string& stored) {
    if (parse_level(stored)) return stored;
    auto l = parse_trigger(stored);
    return l && *l != Level::ok ? std::string(level_name(*l)) : stored;
}

// The same for the "level" and "previous" fields of a stored JSON array (level changes, evidence).
std::string current_level_names(const std::string& stored_json) {
    auto j = nlohmann::json::parse(stored_json, nullptr, /*allow_exceptions=*/false);
    if (!j.is_array()) return stored_json;  // the reader says what is wrong with it
    bool renamed = false;
    for (auto& item : j) {
        for (const char* key : {"level", "previous"}) {
            if (!item.is_object() || !item.contains(key) || !item[key].is_string()) continue;
            auto name = current_level_name(item[key].get<std::string>());
            if (name == item[key]) continue;
            item[key] = name;
            renamed = true;
        }
    }
    return renamed ? json_text(j) : stored_json;
}

}  // namespace

Result<HistoryStore> HistoryStore::open_for_writing(const std::string& path, int busy_timeout_ms) {
    return guarded(path, [&]() -> Result<HistoryStore> {
        auto db = std::make_unique<SQLite::Database>(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE,
                                                     busy_timeout_ms);
        // WAL: `history` reads while the daemon writes, and a write is one append.
        db->exec("PRAGMA journal_mode=WAL");
        int version = db->execAndGet("PRAGMA user_version").getInt();
        if (version > kSchemaVersion) {
            return Error::unavailable("history " + path,
                                      "written by a newer ctguard (schema " + std::to_string(version) + ")");
        }
        if (version < kSchemaVersion) {
            SQLite::Transaction tx(*db);
            db->exec(kSchema);
            db->exec("PRAGMA user_version=" + std::to_string(kSchemaVersion));
            tx.commit();
        }
        return HistoryStore(path, std::move(db));
    });
}

Result<HistoryStore> HistoryStore::open_for_reading(const std::string& path, int busy_timeout_ms) {
    if (::access(path.c_str(), F_OK) != 0) {
        return Error::from_errno(
            "history " + path, errno,
            errno == ENOENT ? "the daemon creates it at its first incident; see [daemon] db" : "");
    }
    return guarded(path, [&]() -> Result<HistoryStore> {
        auto db = std::make_unique<SQLite::Database>(path, SQLite::OPEN_READONLY, busy_timeout_ms);
        int version = db->execAndGet("PRAGMA user_version").getInt();
        if (version != kSchemaVersion) {
            return Error::unavailable(
                "history " + path, "not a ctguard history database (schema " + std::to_string(version) + ")");
        }
        return HistoryStore(path, std::move(db));
    });
}

Result<void> HistoryStore::save(const std::vector<Incident>& incidents, double now) {
    return guarded(path_, [&]() -> Result<void> {
        SQLite::Transaction tx(*db_);
        SQLite::Statement st(*db_, R"sql(
            INSERT INTO incidents (tenant, started, ended, end_reason, updated, peak, peak_level, levels, evidence)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (tenant, started) DO UPDATE SET
                ended = excluded.ended, end_reason = excluded.end_reason, updated = excluded.updated,
                peak = excluded.peak, peak_level = excluded.peak_level, levels = excluded.levels,
                evidence = excluded.evidence)sql");
        for (const auto& i : incidents) {
            auto j = incident_json(i);
            st.bind(1, i.tenant);
            st.bind(2, i.start);
            if (i.end) {
                st.bind(3, *i.end);
                st.bind(4, i.end_reason);
            } else {
                st.bind(3);
                st.bind(4);
            }
            st.bind(5, now);
            st.bind(6, static_cast<int64_t>(i.peak));
            st.bind(7, std::string(level_name(i.peak_level)));
            st.bind(8, json_text(j["levels"]));
            st.bind(9, json_text(j["evidence"]));
            st.exec();
            st.reset();
        }
        tx.commit();
        return {};
    });
}

Result<uint64_t> HistoryStore::delete_closed_before(double cutoff) {
    return guarded(path_, [&]() -> Result<uint64_t> {
        SQLite::Statement st(*db_, "DELETE FROM incidents WHERE ended IS NOT NULL AND ended < ?");
        st.bind(1, cutoff);
        return static_cast<uint64_t>(st.exec());
    });
}

Result<uint64_t> HistoryStore::close_interrupted() {
    return guarded(path_, [&]() -> Result<uint64_t> {
        return static_cast<uint64_t>(db_->exec(
            "UPDATE incidents SET ended = updated, end_reason = 'interrupted' WHERE ended IS NULL"));
    });
}

Result<std::vector<HistoryRow>> HistoryStore::query(const HistoryQuery& q) {
    return guarded(path_, [&]() -> Result<std::vector<HistoryRow>> {
        std::string sql =
            "SELECT id, tenant, started, ended, end_reason, peak, peak_level, levels, evidence FROM "
            "incidents "
            "WHERE (?1 = '' OR tenant GLOB ?1) AND (?2 IS NULL OR ended IS NULL OR ended >= ?2) "
            "ORDER BY started DESC, id DESC";
        if (q.limit > 0) sql += " LIMIT " + std::to_string(q.limit);
        SQLite::Statement st(*db_, sql);
        st.bind(1, q.tenant_glob);
        if (q.since)
            st.bind(2, *q.since);
        else
            st.bind(2);
        std::vector<HistoryRow> rows;
        while (st.executeStep()) {
            HistoryRow r;
            r.id = st.getColumn(0).getInt64();
            r.tenant = st.getColumn(1).getString();
            r.start = st.getColumn(2).getDouble();
            r.end = column_time(st.getColumn(3));
            r.end_reason = st.getColumn(4).getString();
            r.peak = static_cast<uint64_t>(st.getColumn(5).getInt64());
            r.peak_level = current_level_name(st.getColumn(6).getString());
            r.levels_json = current_level_names(st.getColumn(7).getString());
            r.evidence_json = current_level_names(st.getColumn(8).getString());
            rows.push_back(std::move(r));
        }
        return rows;
    });
}

}  // namespace ctguard
