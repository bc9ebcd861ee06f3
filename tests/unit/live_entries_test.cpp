#include <gtest/gtest.h>
#include <netinet/in.h>

#include <map>
#include <random>
#include <tuple>

#include "analysis/event_rates.hpp"
#include "analysis/live_entries.hpp"
#include "analysis/live_top_views.hpp"
#include "analysis/top.hpp"

using namespace ctguard;

namespace {

Flow tcp(uint32_t src, uint16_t sport, const char* state = "ESTABLISHED", uint32_t id = 0, uint16_t zone = 0) {
    Flow f;
    f.family = AF_INET;
    f.proto = IPPROTO_TCP;
    f.orig.src = *parse_ip("198.18.0.0");
    f.orig.src.bytes[2] = static_cast<uint8_t>(src >> 8);
    f.orig.src.bytes[3] = static_cast<uint8_t>(src);
    f.orig.dst = *parse_ip("198.19.0.1");
    f.orig.sport = sport;
    f.orig.dport = 80;
    f.reply.src = f.orig.dst;
    f.reply.dst = f.orig.src;
    f.reply.sport = 80;
    f.reply.dport = sport;
    f.state = *state_number(IPPROTO_TCP, state);
    f.id = id;
    f.zone = zone;
    return f;
}

// Groups by source and state, through the same aggregator top uses.
std::vector<std::tuple<std::string, uint8_t, uint64_t>> groups(const LiveEntries& live) {
    TopAggregator top({TopKey::src, TopKey::state}, {});
    live.replay(top);
    std::vector<std::tuple<std::string, uint8_t, uint64_t>> out;
    for (const auto& row : top.result(1000000).rows)
        out.emplace_back(to_string(row.values.src), row.values.state_id, row.count);
    std::sort(out.begin(), out.end());
    return out;
}

class Replayed : public FlowSink {
  public:
    void on_flow(const Flow& f) override { flows.push_back(f); }
    std::vector<Flow> flows;
};

}  // namespace

TEST(LiveEntries, AddReplacesTheSameTupleAndZoneTellsEntriesApart) {
    LiveEntries live;
    live.add(tcp(1, 1000, "SYN_SENT", 7));
    live.add(tcp(1, 1000, "ESTABLISHED", 7));  // the dump saw it after its created event
    live.add(tcp(1, 1000, "ESTABLISHED", 8, 5));  // zone 5: another entry
    EXPECT_EQ(live.size(), 2u);
    Replayed r;
    live.replay(r);
    ASSERT_EQ(r.flows.size(), 2u);
    EXPECT_EQ(r.flows[0].state, *state_number(IPPROTO_TCP, "ESTABLISHED"));
    EXPECT_EQ(r.flows[0].reply.dport, 1000);
    EXPECT_EQ(r.flows[1].zone, 5);
}

TEST(LiveEntries, UpdateKeepsTheStateWhenTheMessageHasNone) {
    LiveEntries live;
    live.add(tcp(1, 1000, "SYN_SENT", 7));
    Flow up = tcp(1, 1000, "SYN_SENT", 7);
    up.state = kNoState;
    up.status = kStatusSeenReply;
    up.mark = 42;
    live.update(up);
    Replayed r;
    live.replay(r);
    ASSERT_EQ(r.flows.size(), 1u);
    EXPECT_EQ(r.flows[0].state, *state_number(IPPROTO_TCP, "SYN_SENT"));
    EXPECT_EQ(r.flows[0].status, kStatusSeenReply);
    EXPECT_EQ(r.flows[0].mark, 42u);
    live.update(tcp(1, 1000, "ESTABLISHED", 7));
    live.update(tcp(2, 1000, "ESTABLISHED", 9));  // one we never saw created: it exists, so it counts
    EXPECT_EQ(live.size(), 2u);
    EXPECT_EQ(groups(live).front(), std::make_tuple(std::string("198.18.0.1"),
                                                    state_name_id(IPPROTO_TCP, *state_number(IPPROTO_TCP, "ESTABLISHED")),
                                                    uint64_t{1}));
}

TEST(LiveEntries, ALateDestroyOfAPredecessorKeepsTheNewEntry) {
    LiveEntries live;
    live.add(tcp(1, 1000, "ESTABLISHED", 8));
    EXPECT_FALSE(live.remove(tcp(1, 1000, "ESTABLISHED", 7)));
    EXPECT_EQ(live.size(), 1u);
    EXPECT_TRUE(live.remove(tcp(1, 1000, "ESTABLISHED", 8)));
    EXPECT_FALSE(live.remove(tcp(1, 1000, "ESTABLISHED", 8)));
    EXPECT_EQ(live.size(), 0u);
}

// Random churn against a std::map: a small key space collides often, so probing, backward-shift
// deletion, moves of the last entry, growth and shrinking are all exercised.
TEST(LiveEntries, ChurnMatchesAReferenceMap) {
    std::mt19937 rng(17);
    LiveEntries live;
    std::map<std::pair<uint32_t, uint16_t>, uint8_t> ref;  // (src, sport) -> state
    const char* states[] = {"SYN_SENT", "ESTABLISHED", "TIME_WAIT"};
    for (int round = 0; round < 4; ++round) {
        // grow to thousands, then drain to a handful: the index grows and shrinks
        const int ops = 40000;
        const double add_share = round % 2 == 0 ? 0.7 : 0.2;
        for (int i = 0; i < ops; ++i) {
            const uint32_t src = rng() % 64;
            const auto sport = static_cast<uint16_t>(1024 + rng() % 200);
            const char* st = states[rng() % 3];
            const double dice = std::uniform_real_distribution<double>(0, 1)(rng);
            if (dice < add_share) {
                live.add(tcp(src, sport, st));
                ref[{src, sport}] = *state_number(IPPROTO_TCP, st);
            } else if (dice < add_share + 0.1) {
                live.update(tcp(src, sport, st));
                ref[{src, sport}] = *state_number(IPPROTO_TCP, st);
            } else {
                EXPECT_EQ(live.remove(tcp(src, sport)), ref.erase({src, sport}) == 1);
            }
            ASSERT_EQ(live.size(), ref.size());
        }
        std::map<std::pair<std::string, uint8_t>, uint64_t> want;
        for (const auto& [k, state] : ref) {
            Flow f = tcp(k.first, k.second);
            ++want[{to_string(f.orig.src), state_name_id(IPPROTO_TCP, state)}];
        }
        std::vector<std::tuple<std::string, uint8_t, uint64_t>> want_rows;
        for (const auto& [k, n] : want) want_rows.emplace_back(k.first, k.second, n);
        EXPECT_EQ(groups(live), want_rows) << "round " << round;
    }
}

TEST(LiveEntries, MemoryFollowsTheSizeDownAndClearReleasesIt) {
    LiveEntries live;
    for (uint16_t p = 0; p < 20000; ++p) live.add(tcp(p % 300, p));
    const size_t full = live.memory_bytes();
    EXPECT_GE(full, 20000 * (104 + 8));
    for (uint16_t p = 0; p < 19990; ++p) ASSERT_TRUE(live.remove(tcp(p % 300, p)));
    EXPECT_LT(live.memory_bytes(), full / 8);
    EXPECT_EQ(live.size(), 10u);
    live.clear();
    EXPECT_EQ(live.memory_bytes(), 0u);
}

TEST(EventRates, LastSecondAndAMinuteOfHistory) {
    EventRates r;
    r.created(100, 5);
    r.destroyed(100, 2);
    r.created(101);
    EXPECT_EQ(r.last_second(101).created, 5u);  // 101 is still under way
    EXPECT_EQ(r.last_second(101).destroyed, 2u);
    EXPECT_EQ(r.last_second(102).created, 1u);
    EXPECT_EQ(r.last_second(103).created, 0u);  // a quiet second
    auto h = r.history(102);
    ASSERT_EQ(h.size(), EventRates::kSeconds);
    EXPECT_EQ(h[EventRates::kSeconds - 2].created, 5u);
    EXPECT_EQ(h.back().created, 1u);
    // a minute later the slots are reused, and what they held is not taken for the new second
    r.created(100 + EventRates::kSeconds + 1, 3);
    EXPECT_EQ(r.last_second(100 + EventRates::kSeconds + 2).created, 3u);
    EXPECT_EQ(r.history(101).back().created, 0u);  // second 100's slot now holds second 161
    EXPECT_EQ(r.history(102).back().created, 1u);
}

// Standing views answer as a replay would after any churn, and a clear() (a resync) rebuilds them.
TEST(LiveTopViews, StayEqualToAReplayThroughChurnAndResync) {
    LiveEntries live;
    LiveTopViews views(live);
    std::mt19937 rng(5);
    Filter est;
    est.state = "ESTABLISHED";
    auto replayed = [&](const std::vector<TopKey>& by, const Filter& f) {
        TopAggregator top(by, f);
        live.replay(top);
        return top.result(1000);
    };
    auto same = [](const TopResult& a, const TopResult& b) {
        if (a.total != b.total || a.groups != b.groups || a.rows.size() != b.rows.size()) return false;
        for (size_t i = 0; i < a.rows.size(); ++i) {
            if (a.rows[i].count != b.rows[i].count || !(a.rows[i].values.src == b.rows[i].values.src) ||
                a.rows[i].values.state_id != b.rows[i].values.state_id)
                return false;
        }
        return true;
    };
    const char* states[] = {"SYN_SENT", "ESTABLISHED", "TIME_WAIT"};
    for (int round = 0; round < 3; ++round) {
        for (int i = 0; i < 5000; ++i) {
            const uint32_t src = rng() % 40;
            const auto sport = static_cast<uint16_t>(1024 + rng() % 100);
            const int op = static_cast<int>(rng() % 3);
            if (op == 0) live.add(tcp(src, sport, states[rng() % 3]));
            if (op == 1) live.update(tcp(src, sport, states[rng() % 3]));
            if (op == 2) live.remove(tcp(src, sport));
            if (i % 1000 == 0) {  // first asked mid-churn: built by a replay, then kept by events
                views.top("src", {TopKey::src}, {}, 1000);
                views.top("state est", {TopKey::state, TopKey::src}, est, 1000);
            }
        }
        EXPECT_EQ(views.size(), 2u);
        EXPECT_TRUE(same(views.top("src", {TopKey::src}, {}, 1000), replayed({TopKey::src}, {})));
        EXPECT_TRUE(same(views.top("state est", {TopKey::state, TopKey::src}, est, 1000),
                         replayed({TopKey::state, TopKey::src}, est)));
        if (round == 1) {  // a resync: the entries start over, the views with them
            live.clear();
            for (uint16_t p = 0; p < 50; ++p) live.add(tcp(p % 7, p));
            EXPECT_TRUE(same(views.top("src", {TopKey::src}, {}, 1000), replayed({TopKey::src}, {})));
            EXPECT_EQ(views.size(), 1u);
        }
    }
}
