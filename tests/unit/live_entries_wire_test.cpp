#include <gtest/gtest.h>
#include <netinet/in.h>

#include <cstring>
#include <nlohmann/json.hpp>
#include <random>
#include <vector>

#include "analysis/live_entries.hpp"
#include "daemon/live_entries_wire.hpp"

using namespace ctguard;

namespace {

Tuple tuple(const char* src, const char* dst, uint16_t sport, uint16_t dport) {
    Tuple t;
    t.src = *parse_ip(src);
    t.dst = *parse_ip(dst);
    t.sport = sport;
    t.dport = dport;
    return t;
}

Flow v4_tcp() {
    Flow f;
    f.family = AF_INET;
    f.proto = IPPROTO_TCP;
    f.orig = tuple("198.18.0.10", "198.19.0.1", 40001, 443);
    f.reply = tuple("198.19.0.1", "198.18.0.10", 443, 40001);
    f.state = *state_number(IPPROTO_TCP, "SYN_RECV");
    f.status = kStatusSeenReply | kStatusAssured | kStatusDstNat;
    f.mark = 0xdeadbeef;
    f.zone = 0x0102;
    f.id = 0x89abcdef;
    return f;
}

Flow v6_udp() {
    Flow f;
    f.family = AF_INET6;
    f.proto = IPPROTO_UDP;
    f.orig = tuple("2001:db8:1::7", "2001:db8:2::ffff:1", 5353, 53);
    f.reply = tuple("2001:db8:2::ffff:1", "2001:db8:1::7", 53, 5353);
    f.mark = 0x10;
    f.id = 7;
    return f;
}

Flow icmp(uint8_t family) {
    Flow f;
    f.family = family;
    const bool v4 = family == AF_INET;
    f.proto = v4 ? uint8_t{IPPROTO_ICMP} : uint8_t{IPPROTO_ICMPV6};
    f.orig = tuple(v4 ? "198.18.4.4" : "2001:db8:4::4", v4 ? "198.19.0.4" : "2001:db8:2::3", 0, 0);
    f.orig.icmp_type = v4 ? 8 : 128;
    f.orig.icmp_code = 3;
    f.orig.icmp_id = 0xbeef;
    f.reply = tuple(v4 ? "198.19.0.4" : "2001:db8:2::3", v4 ? "198.18.4.4" : "2001:db8:4::4", 0, 0);
    f.reply.icmp_type = v4 ? 0 : 129;
    f.reply.icmp_id = 0xbeef;
    return f;
}

// The fields a record carries, compared one by one (a Tuple has no padding: compared as bytes).
void expect_same(const Flow& a, const Flow& b) {
    EXPECT_EQ(a.family, b.family);
    EXPECT_EQ(a.proto, b.proto);
    EXPECT_EQ(a.state, b.state);
    EXPECT_EQ(a.zone, b.zone);
    EXPECT_EQ(a.status, b.status);
    EXPECT_EQ(a.mark, b.mark);
    EXPECT_EQ(a.id, b.id);
    EXPECT_EQ(std::memcmp(&a.orig, &b.orig, sizeof(Tuple)), 0);
    EXPECT_EQ(std::memcmp(&a.reply, &b.reply, sizeof(Tuple)), 0);
}

std::string records_of(const std::vector<Flow>& flows) {
    std::string out(flows.size() * kLiveEntryBytes, '\0');
    for (size_t i = 0; i < flows.size(); ++i)
        encode_live_entry(flows[i], reinterpret_cast<unsigned char*>(out.data() + i * kLiveEntryBytes));
    return out;
}

class Collect : public FlowSink {
  public:
    void on_flow(const Flow& flow) override { flows.push_back(flow); }
    std::vector<Flow> flows;
};

LiveEntriesHeader header_for(uint64_t entries) {
    return {entries, LiveSync{12, "overrun", 3}};
}

}  // namespace

TEST(LiveEntriesWire, RecordsRoundTrip) {
    Flow no_reply = v4_tcp();  // a reply tuple the dump skipped: family 0, all zero
    no_reply.reply = Tuple{};
    no_reply.state = kNoState;
    const std::vector<Flow> flows = {v4_tcp(), v6_udp(), icmp(AF_INET), icmp(AF_INET6), no_reply};
    for (const Flow& f : flows) {
        unsigned char record[kLiveEntryBytes];
        encode_live_entry(f, record);
        Flow back;
        back.timeout = 99;  // decoding starts from nothing
        ASSERT_TRUE(decode_live_entry(record, back));
        expect_same(f, back);
        EXPECT_EQ(back.timeout, 0u);
        EXPECT_FALSE(back.has_counters);
    }
}

TEST(LiveEntriesWire, LayoutIsLittleEndianFieldByField) {
    unsigned char r[kLiveEntryBytes];
    encode_live_entry(v4_tcp(), r);
    EXPECT_EQ(r[0], AF_INET);
    EXPECT_EQ(r[1], IPPROTO_TCP);
    EXPECT_EQ(r[2], *state_number(IPPROTO_TCP, "SYN_RECV"));
    EXPECT_EQ(std::vector<int>(r + 3, r + 5), (std::vector<int>{0x02, 0x01}));                // zone
    EXPECT_EQ(std::vector<int>(r + 9, r + 13), (std::vector<int>{0xef, 0xbe, 0xad, 0xde}));   // mark
    EXPECT_EQ(std::vector<int>(r + 13, r + 17), (std::vector<int>{0xef, 0xcd, 0xab, 0x89}));  // id
    EXPECT_EQ(r[17], AF_INET);                                                                // orig family
    EXPECT_EQ(std::vector<int>(r + 18, r + 22), (std::vector<int>{198, 18, 0, 10}));          // orig src
    EXPECT_EQ(std::vector<int>(r + 22, r + 34), std::vector<int>(12, 0));                     // v4: rest zero
    EXPECT_EQ(std::vector<int>(r + 50, r + 54), (std::vector<int>{0x41, 0x9c, 0xbb, 0x01}));  // 40001, 443
    EXPECT_EQ(std::vector<int>(r + 58 + 33, r + 58 + 35), (std::vector<int>{0xbb, 0x01}));    // reply sport
}

TEST(LiveEntriesWire, HeaderRoundTripsAndRefusesTheUnexpected) {
    const std::string line = live_entries_header_line(header_for(262144));
    ASSERT_EQ(line.find('\n'), line.size() - 1);
    auto h = parse_live_entries_header(std::string_view(line).substr(0, line.size() - 1));
    ASSERT_TRUE(h);
    EXPECT_EQ(h->entries, 262144u);
    EXPECT_EQ(h->sync.ago_s, 12u);
    EXPECT_EQ(h->sync.reason, "overrun");
    EXPECT_EQ(h->sync.resyncs, 3u);

    EXPECT_TRUE(parse_live_entries_header(live_entries_header_line(header_for(kMaxLiveEntries))));
    EXPECT_FALSE(parse_live_entries_header(live_entries_header_line(header_for(kMaxLiveEntries + 1))));
    auto with = [&](const char* key, nlohmann::json value) {
        auto j = nlohmann::json::parse(line);
        j[key] = std::move(value);
        return parse_live_entries_header(j.dump()).has_value();
    };
    EXPECT_TRUE(with("sync_reason", "start"));
    EXPECT_FALSE(with("version", 2));
    EXPECT_FALSE(with("record_bytes", 104));  // another layout
    EXPECT_FALSE(with("entries", -1));
    EXPECT_FALSE(with("entries", "5"));
    EXPECT_FALSE(with("resynced_ago", nullptr));
    EXPECT_FALSE(
        parse_live_entries_header(R"({"version":1,"error":"no live table of that network namespace"})"));
    EXPECT_FALSE(parse_live_entries_header("\x01\x02 not json"));
    EXPECT_FALSE(parse_live_entries_header(std::string(kMaxLiveEntriesHeader + 1, ' ')));
}

TEST(LiveEntriesWire, ReceivedEntriesReplayWhatWasSent) {
    const std::vector<Flow> flows = {v4_tcp(), v6_udp(), icmp(AF_INET), icmp(AF_INET6)};
    auto got = ReceivedEntries::check(header_for(flows.size()), records_of(flows));
    ASSERT_TRUE(got);
    EXPECT_EQ(got->size(), flows.size());
    EXPECT_EQ(got->sync().reason, "overrun");
    Collect sink;
    got->replay(sink);
    ASSERT_EQ(sink.flows.size(), flows.size());
    for (size_t i = 0; i < flows.size(); ++i) expect_same(flows[i], sink.flows[i]);

    // A live table's entries, through the wire, group as the table does.
    LiveEntries live;
    for (uint16_t port = 1000; port < 1300; ++port) {
        Flow f = v4_tcp();
        f.orig.sport = port;
        f.orig.src.bytes[3] = static_cast<uint8_t>(port % 7);
        live.add(f);
    }
    Collect direct, wired;
    live.replay(direct);
    auto copy = ReceivedEntries::check(header_for(direct.flows.size()), records_of(direct.flows));
    ASSERT_TRUE(copy);
    copy->replay(wired);
    ASSERT_EQ(wired.flows.size(), 300u);
    for (size_t i = 0; i < wired.flows.size(); ++i) expect_same(direct.flows[i], wired.flows[i]);

    EXPECT_TRUE(ReceivedEntries::check(header_for(0), ""));
}

TEST(LiveEntriesWire, ShortLongOrGarbledAnswersAreRefusedWhole) {
    const std::vector<Flow> flows = {v4_tcp(), v6_udp(), icmp(AF_INET)};
    const std::string records = records_of(flows);
    // Truncated: the daemon died or the deadline passed mid-record or between records.
    EXPECT_FALSE(ReceivedEntries::check(header_for(3), records.substr(0, records.size() - 1)));
    EXPECT_FALSE(ReceivedEntries::check(header_for(3), records.substr(0, 2 * kLiveEntryBytes)));
    EXPECT_FALSE(ReceivedEntries::check(header_for(3), ""));
    // More than announced.
    EXPECT_FALSE(ReceivedEntries::check(header_for(3), records + '\0'));
    EXPECT_FALSE(ReceivedEntries::check(header_for(2), records));
    // A count over the bound, whatever the bytes.
    EXPECT_FALSE(ReceivedEntries::check(header_for(kMaxLiveEntries + 1), records));

    // One bad record spoils the answer: an unknown family, a tuple family, bytes an IPv4 address
    // does not use, an absent original tuple.
    auto spoiled = [&](size_t offset, unsigned char value) {
        std::string bad = records;
        bad[kLiveEntryBytes * 2 + offset] = static_cast<char>(value);
        return ReceivedEntries::check(header_for(3), bad).has_value();
    };
    EXPECT_TRUE(spoiled(9, 0x55));  // a mark is any number
    EXPECT_FALSE(spoiled(0, 7));
    EXPECT_FALSE(spoiled(0, 0));
    EXPECT_FALSE(spoiled(17, 3));
    EXPECT_FALSE(spoiled(58, 11));
    EXPECT_FALSE(spoiled(17 + 1 + 4, 1));    // orig source, byte 5 of a v4 address
    EXPECT_FALSE(spoiled(58 + 17 + 15, 1));  // reply destination, last byte
    EXPECT_FALSE(spoiled(17, 0));

    // Random bytes: no record of them survives (the first byte alone is a family 2 of 256 times).
    std::mt19937 rng(12);
    std::string garbage(100 * kLiveEntryBytes, '\0');
    for (char& c : garbage) c = static_cast<char>(rng());
    EXPECT_FALSE(ReceivedEntries::check(header_for(100), garbage));
}
