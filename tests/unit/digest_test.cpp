#include <gtest/gtest.h>

#include "lib/digest.hpp"
#include "lib/run_program.hpp"
#include "temp_tree.hpp"

using namespace ctguard;

TEST(Digest, Md5OfAFile) {
    TempTree t;
    t.write("/abc", "abc");
    EXPECT_EQ(md5_file_hex(t.dir() + "/abc"), "900150983cd24fb0d6963f7d28e17f72");  // RFC 1321 test suite
    t.write("/empty", "");
    EXPECT_EQ(md5_file_hex(t.dir() + "/empty"), "d41d8cd98f00b204e9800998ecf8427e");
    EXPECT_FALSE(md5_file_hex(t.dir() + "/missing"));
}

TEST(Digest, Base64) {
    EXPECT_EQ(base64_decode("YWJj"), "abc");
    EXPECT_EQ(base64_decode("YWI="), "ab");
    EXPECT_EQ(base64_decode("YQ=="), "a");
    EXPECT_FALSE(base64_decode("YWJ"));
    EXPECT_FALSE(base64_decode("Y!Jj"));
    EXPECT_FALSE(base64_decode(""));
}

TEST(RunProgram, CapturesOutputAndStatus) {
    auto r = run_program({"sh", "-c", "echo out; echo err >&2; exit 3"});
    ASSERT_TRUE(r);
    EXPECT_EQ(r->out, "out\n");
    EXPECT_EQ(r->first_error_line(), "err");
    EXPECT_EQ(r->exit_code, 3);
    auto slow = run_program({"sleep", "5"}, std::chrono::milliseconds(100));
    ASSERT_TRUE(slow);
    EXPECT_TRUE(slow->timed_out);
    EXPECT_EQ(slow->first_error_line(), "timed out");
    auto missing = run_program({"/nonexistent/program"});
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, Exit::unavailable);
}
