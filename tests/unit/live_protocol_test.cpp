#include <gtest/gtest.h>

#include "daemon/live_protocol.hpp"

using namespace ctguard;

namespace {

LiveRequest top_request() {
    LiveRequest r;
    r.netns = NetnsId{4, 4026531840};
    r.by = {TopKey::src, TopKey::dport};
    r.n = 25;
    r.filter.src = {"198.18.0.0/15"};
    r.filter.state = "established";
    r.filter.mark = "0x10/0xff";
    return r;
}

std::string why(std::string_view line) {
    auto r = parse_live_request(line);
    return r ? "" : r.error().why;
}

}  // namespace

TEST(LiveProtocol, RequestsRoundTrip) {
    const std::string line = live_request_line(top_request());
    ASSERT_EQ(line.back(), '\n');
    EXPECT_EQ(line.find('\n'), line.size() - 1);  // one line
    auto r = parse_live_request(line);
    ASSERT_TRUE(r) << r.error().why;
    EXPECT_EQ(r->command, LiveCommand::top);
    EXPECT_EQ(r->netns, (NetnsId{4, 4026531840}));
    EXPECT_EQ(r->by, (std::vector<TopKey>{TopKey::src, TopKey::dport}));
    EXPECT_EQ(r->n, 25u);
    EXPECT_EQ(r->filter.src, std::vector<std::string>{"198.18.0.0/15"});
    EXPECT_EQ(r->filter.state, "established");
    EXPECT_EQ(r->filter.mark, "0x10/0xff");

    LiveRequest s;
    s.command = LiveCommand::status;
    s.json = true;
    s.thresholds = Thresholds{5, 9, 10};
    auto back = parse_live_request(live_request_line(s));
    ASSERT_TRUE(back) << back.error().why;
    EXPECT_EQ(back->command, LiveCommand::status);
    EXPECT_TRUE(back->json);
    EXPECT_EQ(back->thresholds, (Thresholds{5, 9, 10}));

    // entries: the namespace is all it asks; the keys of other commands are not looked at.
    LiveRequest e;
    e.command = LiveCommand::entries;
    e.netns = NetnsId{4, 4026532001};
    auto entries = parse_live_request(live_request_line(e));
    ASSERT_TRUE(entries) << entries.error().why;
    EXPECT_EQ(entries->command, LiveCommand::entries);
    EXPECT_EQ(entries->netns, (NetnsId{4, 4026532001}));
    EXPECT_TRUE(
        parse_live_request(R"({"version":1,"command":"entries","netns":{"dev":4,"ino":9},"json":false})"));
}

TEST(LiveProtocol, HostileRequestsAreRefused) {
    EXPECT_EQ(why(""), "not a JSON object");
    EXPECT_EQ(why("\xff\xfe garbage"), "not a JSON object");
    EXPECT_EQ(why("[1,2,3]"), "not a JSON object");
    EXPECT_EQ(why(std::string(kMaxLiveRequest + 1, ' ')), "longer than 65536 bytes");
    // Nesting as deep as the size allows neither overflows the stack nor gets through.
    std::string deep = "{\"version\":1,\"command\":" + std::string(30000, '[') + std::string(30000, ']') + "}";
    EXPECT_EQ(why(deep), "command must be a string");
    EXPECT_EQ(why(std::string(kMaxLiveRequest / 2, '[')), "not a JSON object");

    auto with = [](const char* key, nlohmann::json value) {
        auto j = nlohmann::json::parse(live_request_line(top_request()));
        j[key] = std::move(value);
        return why(j.dump());
    };
    EXPECT_EQ(with("version", 2), "protocol version 2 is not 1");
    EXPECT_EQ(with("version", -1), "version must be a whole number");
    EXPECT_EQ(with("command", "flush"), "unknown command");
    EXPECT_EQ(with("by", nlohmann::json::array({"process"})), "by: the live table does not group by 'process'");
    EXPECT_EQ(with("by", nlohmann::json::array({"src", "src"})), "by: a key given twice");
    EXPECT_EQ(with("by", nlohmann::json::array()), "by must name 1 to 10 keys");
    EXPECT_EQ(with("by", "src"), "by must be an array");
    EXPECT_EQ(with("n", 0), "n is out of range");
    EXPECT_EQ(with("n", 1.5), "n must be a whole number");
    EXPECT_EQ(with("netns", "host"), "netns must be an object");
    EXPECT_EQ(with("json", 1), "json must be true or false");
    EXPECT_EQ(with("filter", nlohmann::json{{"src", {1}}}), "src must hold strings");
    EXPECT_EQ(with("filter", nlohmann::json{{"zone", 5}}), "zone must be a string");
}

TEST(LiveProtocol, ResponsesCarryTheOutputOrNothing) {
    auto ok = parse_live_response(live_response_line(nlohmann::json{{"total", 3}}));
    ASSERT_TRUE(ok);
    EXPECT_EQ((*ok)["total"], 3);
    auto text = parse_live_response(live_response_line("a\nb\n"));
    ASSERT_TRUE(text);
    EXPECT_EQ(text->get<std::string>(), "a\nb\n");
    EXPECT_EQ(live_response_line("a\nb\n").find('\n'), live_response_line("a\nb\n").size() - 1);
    EXPECT_FALSE(parse_live_response(live_error_line("no live table")));
    EXPECT_FALSE(parse_live_response(R"({"version":2,"output":"x"})"));
    EXPECT_FALSE(parse_live_response("junk"));
}
