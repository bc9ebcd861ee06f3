#include <gtest/gtest.h>

#include "lib/log.hpp"

using namespace ctguard;

TEST(Log, PlainOnATerminal) {
    EXPECT_EQ(log_text(LogLevel::warning, "ctnetlink unavailable", false),
              "ctguard: warning: ctnetlink unavailable\n");
    EXPECT_EQ(log_text(LogLevel::error, "reload failed", false), "ctguard: error: reload failed\n");
    EXPECT_EQ(log_text(LogLevel::info, "started", false), "ctguard: started\n");
}

TEST(Log, SyslogPriorityForTheJournal) {
    EXPECT_EQ(log_text(LogLevel::warning, "skipped 1 malformed line(s)", true),
              "<4>ctguard: warning: skipped 1 malformed line(s)\n");
    EXPECT_EQ(log_text(LogLevel::error, "x", true), "<3>ctguard: error: x\n");
    EXPECT_EQ(log_text(LogLevel::info, "stopping", true), "<6>ctguard: stopping\n");
}

TEST(Log, OneEventOneLine) {
    EXPECT_EQ(log_text(LogLevel::info, "hook said\nhello\r", true), "<6>ctguard: hook said hello \n");
    EXPECT_EQ(log_text(LogLevel::warning, "pid 7 (x\x1b[2J\xff): gone", false),
              "ctguard: warning: pid 7 (x\\x1b[2J\\xff): gone\n");
}
