#include <gtest/gtest.h>

#include "lib/json_text.hpp"

using namespace ctguard;

// A process named with a byte that is not UTF-8 (an intruder picks the name) must not make JSON
// output throw: the byte becomes U+FFFD and the rest stays.
TEST(JsonText, InvalidUtf8IsReplacedNotThrown) {
    nlohmann::json j = {{"comm",
                         "x\xff"
                         "y"},
                        {"pid", 7}};
    EXPECT_THROW((void)j.dump(), nlohmann::json::type_error);  // what json_text exists for
    EXPECT_EQ(json_text(j), "{\"comm\":\"x\xef\xbf\xbdy\",\"pid\":7}");
    EXPECT_EQ(json_text(j, 2), "{\n  \"comm\": \"x\xef\xbf\xbdy\",\n  \"pid\": 7\n}");
    EXPECT_EQ(nlohmann::json::parse(json_text(j))["comm"], "x\xef\xbf\xbdy");
}

TEST(JsonText, ControlCharactersAreEscaped) {
    nlohmann::json j = "a\x1b[2J\nb";
    EXPECT_EQ(json_text(j), "\"a\\u001b[2J\\nb\"");
}
