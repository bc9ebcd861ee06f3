#include <gtest/gtest.h>
#include <sys/socket.h>

#include <string>

#include "lib/socket_io.hpp"
#include "lib/time_text.hpp"
#include "lib/unique_fd.hpp"

using namespace ctguard;

namespace {

// A connected pair of non-blocking stream sockets, as the daemon and its clients use.
struct Pair {
    UniqueFd a, b;
    Pair() {
        int fds[2];
        EXPECT_EQ(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, fds), 0);
        a = UniqueFd(fds[0]);
        b = UniqueFd(fds[1]);
    }
};

double soon() { return monotonic_seconds() + 5; }
// A deadline that passes while the test waits for nothing to arrive.
double shortly() { return monotonic_seconds() + 0.05; }

}  // namespace

TEST(SocketIo, LineThenExactBytes) {
    Pair p;
    ASSERT_TRUE(send_all(p.a.get(), "{\"entries\":2}\nAB", soon()));
    std::string buf;
    EXPECT_EQ(receive_line(p.b.get(), buf, 100, soon()), "{\"entries\":2}");
    EXPECT_EQ(buf, "AB");  // what came with the line is kept for the records
    ASSERT_TRUE(send_all(p.a.get(), "CDEF", soon()));
    ASSERT_TRUE(receive_exactly(p.b.get(), buf, 6, soon()));
    EXPECT_EQ(buf, "ABCDEF");
    EXPECT_FALSE(receive_exactly(p.b.get(), buf, 4, soon()));  // holds more than asked already
}

TEST(SocketIo, LineLongerThanTheLimitIsRefused) {
    Pair p;
    ASSERT_TRUE(send_all(p.a.get(), std::string(200, 'x') + "\n", soon()));
    std::string buf;
    EXPECT_FALSE(receive_line(p.b.get(), buf, 100, soon()));
}

TEST(SocketIo, GivesUpAtTheDeadlineOrWhenThePeerLeaves) {
    Pair p;
    std::string buf;
    EXPECT_FALSE(receive_line(p.b.get(), buf, 100, shortly()));  // nothing was sent
    ASSERT_TRUE(send_all(p.a.get(), "abc", soon()));
    p.a.reset();
    EXPECT_FALSE(receive_exactly(p.b.get(), buf, 10, soon()));  // closed after 3 of 10 bytes
    EXPECT_EQ(buf, "abc");
    EXPECT_FALSE(send_all(p.b.get(), "to nobody", soon()));  // no SIGPIPE: the test goes on
}

TEST(SocketIo, SendGivesUpWhenThePeerStopsReading) {
    Pair p;
    const int small = 4096;
    ASSERT_EQ(::setsockopt(p.a.get(), SOL_SOCKET, SO_SNDBUF, &small, sizeof small), 0);
    EXPECT_FALSE(send_all(p.a.get(), std::string(4 << 20, 'x'), shortly()));
}
