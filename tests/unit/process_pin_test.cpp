// procs --kill signals only the process it judged: a pid whose start time changed (reused) or that
// is gone is refused, and nothing is signalled. Real child processes stand in for the judged ones.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "analysis/kill_target.hpp"
#include "collect/process_pin.hpp"
#include "host/process_control.hpp"
#include "host/process_reader.hpp"

using namespace ctguard;

namespace {

// A child that waits to be killed; reaped by the destructor when the test has not already.
struct Child {
    pid_t pid = ::fork();
    Child() {
        if (pid == 0) {
            ::pause();
            ::_exit(0);
        }
    }
    ~Child() {
        if (pid > 0) {
            ::kill(pid, SIGKILL);
            ::waitpid(pid, nullptr, 0);
        }
    }
    // How it ended: the signal that killed it, 0 while it runs.
    int killed_by() const {
        int status = 0;
        if (::waitpid(pid, &status, WNOHANG) != pid) return 0;
        return WIFSIGNALED(status) ? WTERMSIG(status) : -1;
    }
};

ProcessInfo judged(pid_t pid, uint64_t start_ticks) {
    ProcessInfo p;
    p.pid = pid;
    p.start_ticks = start_ticks;
    return p;
}

// pin_judged() on the child, judged as having started `ticks_later` after it did.
Result<std::optional<UniqueFd>> pin_child(const Child& c, uint64_t ticks_later, std::string& refusal) {
    auto start = read_start_ticks(RootDir{}, c.pid);
    EXPECT_TRUE(start);
    return pin_judged(RootDir{}, judged(c.pid, start.value_or(0) + ticks_later), refusal);
}

}  // namespace

TEST(KillTarget, SameStartTimeOnly) {
    EXPECT_EQ(kill_refusal(42, 1000, 1000), "");
    EXPECT_EQ(kill_refusal(42, 1000, std::nullopt), "pid 42: not signalled: it exited after it was judged");
    EXPECT_EQ(kill_refusal(42, 1000, 1207),
              "pid 42: not signalled: another process has this pid now (started at tick 1207, the judged one at "
              "tick 1000)");
}

TEST(ProcessPin, SignalsTheJudgedProcess) {
    Child c;
    ASSERT_GT(c.pid, 0);
    std::string refusal;
    auto fd = pin_child(c, 0, refusal);
    ASSERT_TRUE(fd);
    ASSERT_TRUE(*fd) << refusal;
    ASSERT_TRUE(signal_pidfd(**fd, c.pid, SIGKILL));
    EXPECT_TRUE(wait_exited({&**fd}, 5000));
    EXPECT_EQ(c.killed_by(), SIGKILL);
    c.pid = -1;
}

TEST(ProcessPin, ReusedPidIsNotSignalled) {
    // The judged process had this pid but started at another time: the one there now is someone else.
    Child c;
    ASSERT_GT(c.pid, 0);
    std::string refusal;
    auto fd = pin_child(c, 1, refusal);
    ASSERT_TRUE(fd);
    EXPECT_FALSE(*fd);
    EXPECT_NE(refusal.find("another process has this pid now"), std::string::npos) << refusal;
    EXPECT_EQ(c.killed_by(), 0);  // still running, untouched
}

TEST(ProcessPin, ExitedProcessIsSkipped) {
    pid_t pid = ::fork();
    if (pid == 0) ::_exit(0);
    ASSERT_GT(pid, 0);
    auto start = read_start_ticks(RootDir{}, pid);
    ::waitpid(pid, nullptr, 0);  // judged, then gone (reaped)
    std::string refusal;
    auto fd = pin_judged(RootDir{}, judged(pid, start.value_or(0)), refusal);
    ASSERT_TRUE(fd);
    EXPECT_FALSE(*fd);
    EXPECT_EQ(refusal, "pid " + std::to_string(pid) + ": not signalled: it exited after it was judged");
}

TEST(ProcessPin, PidfdOutlivesItsProcess) {
    // Signalling through a pidfd whose process has exited (and whose pid may be reused) reaches nobody.
    Child c;
    auto fd = open_pidfd(c.pid);
    ASSERT_TRUE(fd && *fd);
    ::kill(c.pid, SIGKILL);
    ::waitpid(c.pid, nullptr, 0);
    c.pid = -1;
    EXPECT_TRUE(signal_pidfd(**fd, 12345, SIGKILL));  // ESRCH: not an error, and no one is hit
}
