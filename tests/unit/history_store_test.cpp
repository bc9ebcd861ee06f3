#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

#include "analysis/incident.hpp"
#include "report/history_render.hpp"
#include "store/history_store.hpp"

using namespace ctguard;

namespace {

class HistoryStoreTest : public ::testing::Test {
  protected:
    void SetUp() override {
        char tmpl[] = "/tmp/ctguard-history-XXXXXX";
        ASSERT_NE(mkdtemp(tmpl), nullptr);
        dir_ = tmpl;
        path_ = dir_ + "/history.db";
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }

    static Incident incident(const std::string& tenant, double start, uint64_t peak) {
        Evidence e;
        e.at = start;
        e.level = Level::elevated;
        e.count = peak;
        return open_incident(tenant, {start, Level::elevated, Level::ok, peak}, e);
    }

    std::string dir_, path_;
};

}  // namespace

TEST_F(HistoryStoreTest, UpsertsByTenantAndStart) {
    auto store = HistoryStore::open_for_writing(path_, 100);
    ASSERT_TRUE(store.ok()) << store.error().why;
    Incident a = incident("vps1", 1000, 150);
    ASSERT_TRUE(store->save({a}, 1001).ok());
    record_change(a, {1010, Level::ok, Level::elevated, 3}, {});
    ASSERT_TRUE(
        store->save({a, incident("vps2", 1005, 400)}, 1011).ok());  // a again: updated, not duplicated

    auto rows = store->query({});
    ASSERT_TRUE(rows.ok());
    ASSERT_EQ(rows->size(), 2u);
    EXPECT_EQ((*rows)[0].tenant, "vps2");  // newest first
    const auto& r = (*rows)[1];
    EXPECT_EQ(r.tenant, "vps1");
    ASSERT_TRUE(r.end);
    EXPECT_EQ(*r.end, 1010);
    EXPECT_EQ(r.end_reason, "recovered");
    EXPECT_EQ(r.peak_level, "elevated");
    auto levels = nlohmann::json::parse(r.levels_json);
    EXPECT_EQ(levels.size(), 2u);
    EXPECT_EQ(levels[1]["level"], "ok");

    HistoryQuery q;
    q.tenant_glob = "vps1";
    ASSERT_EQ(store->query(q)->size(), 1u);
    q.tenant_glob = "vps*";
    EXPECT_EQ(store->query(q)->size(), 2u);
    // vps1 ended at 1010; vps2 is still open, so it counts as recent.
    q.tenant_glob.clear();
    q.since = 1020.0;
    auto recent = store->query(q);
    ASSERT_EQ(recent->size(), 1u);
    EXPECT_EQ((*recent)[0].tenant, "vps2");

    auto j = history_json(*rows);
    EXPECT_EQ(j["incidents"][1]["end_reason"], "recovered");
    EXPECT_TRUE(j["incidents"][0]["end"].is_null());
    EXPECT_NE(history_text(*rows).find("elevated>ok"), std::string::npos);
}

// Before levels had one spelling, the history named them as actions' `on` does.
TEST_F(HistoryStoreTest, ReadsTheOldLevelNames) {
    {
        auto store = HistoryStore::open_for_writing(path_, 100);
        ASSERT_TRUE(store.ok());
        Incident i = incident("vps1", 1000, 150);
        record_change(i, {1005, Level::critical, Level::elevated, 400}, {});
        ASSERT_TRUE(store->save({i}, 1006).ok());
    }
    {
        SQLite::Database db(path_, SQLite::OPEN_READWRITE);
        db.exec(
            R"sql(UPDATE incidents SET peak_level = 'suspend', levels = '[{"at":"x","count":150,"level":"warn","previous":"ok"},{"at":"y","count":400,"level":"suspend","previous":"warn"}]', evidence = '[{"at":"x","count":150,"level":"warn","processes":[],"top":{}}]')sql");
    }
    auto store = HistoryStore::open_for_reading(path_, 100);
    ASSERT_TRUE(store.ok());
    auto rows = store->query({});
    ASSERT_TRUE(rows.ok());
    ASSERT_EQ(rows->size(), 1u);
    const auto& r = rows->front();
    EXPECT_EQ(r.peak_level, "critical");
    auto levels = nlohmann::json::parse(r.levels_json);
    EXPECT_EQ(levels[0]["level"], "elevated");
    EXPECT_EQ(levels[1]["level"], "critical");
    EXPECT_EQ(levels[1]["previous"], "elevated");
    EXPECT_EQ(nlohmann::json::parse(r.evidence_json)[0]["level"], "elevated");
    EXPECT_NE(history_text(*rows).find("elevated>critical"), std::string::npos);
}

TEST_F(HistoryStoreTest, RetentionAndInterruptedIncidents) {
    {
        auto store = HistoryStore::open_for_writing(path_, 100);
        ASSERT_TRUE(store.ok());
        Incident old = incident("old", 10, 1);
        close_incident(old, 20, "recovered");
        ASSERT_TRUE(store->save({old, incident("open", 30, 2)}, 40).ok());
        EXPECT_EQ(*store->delete_closed_before(25), 1u);
    }
    auto again = HistoryStore::open_for_writing(path_, 100);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(*again->close_interrupted(), 1u);
    auto rows = again->query({});
    ASSERT_EQ(rows->size(), 1u);
    EXPECT_EQ((*rows)[0].end_reason, "interrupted");
    EXPECT_EQ(*(*rows)[0].end, 40);  // its last update
}

TEST_F(HistoryStoreTest, CorruptAndMissingFilesAreClearErrors) {
    EXPECT_EQ(HistoryStore::open_for_reading(path_, 100).error().code, Exit::unavailable);
    std::ofstream(path_) << std::string(8192, 'x');
    auto w = HistoryStore::open_for_writing(path_, 100);
    ASSERT_FALSE(w.ok());
    EXPECT_NE(w.error().why.find("corrupt"), std::string::npos) << w.error().why;
    EXPECT_NE(w.error().hint.find("move the file aside"), std::string::npos);
    EXPECT_FALSE(HistoryStore::open_for_reading(path_, 100).ok());
}
