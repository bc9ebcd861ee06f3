#include "lib/socket_io.hpp"

#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdint>

#include "lib/time_text.hpp"

namespace ctguard {

int ms_until(double deadline) {
    const double left = deadline - monotonic_seconds();
    return left <= 0 ? 0 : static_cast<int>(std::ceil(left * 1000.0));
}

bool wait_for(int fd, short events, double deadline) {
    while (true) {
        pollfd p{fd, events, 0};
        const int rc = ::poll(&p, 1, ms_until(deadline));
        if (rc > 0) return true;
        if (rc == 0 || errno != EINTR) return false;
    }
}

// Sends first and waits only when the socket is full: a unix socket says POLLOUT only while at most a
// quarter of its send buffer is in use, so waiting first would leave most of a large buffer unused
// (the daemon enlarges it to hold a whole "entries" answer).
bool send_all(int fd, std::string_view data, double deadline) {
    while (!data.empty()) {
        if (monotonic_seconds() > deadline) return false;
        const ssize_t n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
        if (n > 0) {
            data.remove_prefix(static_cast<size_t>(n));
        } else if (n < 0 && errno == EAGAIN) {
            if (!wait_for(fd, POLLOUT, deadline)) return false;
        } else if (n == 0 || errno != EINTR) {
            return false;
        }
    }
    return true;
}

// Received into a chunk and copied: receiving straight into the zeroed tail of a resized string
// touched every page twice (26 MB of entries took a third longer).
bool receive_more(int fd, std::string& buf, size_t room, double deadline) {
    char chunk[64 * 1024];
    while (true) {
        if (!wait_for(fd, POLLIN, deadline)) return false;
        const ssize_t n = ::recv(fd, chunk, std::min(room, sizeof chunk), 0);
        if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
        if (n <= 0) return false;
        buf.append(chunk, static_cast<size_t>(n));
        return true;
    }
}

std::optional<std::string> receive_line(int fd, std::string& buf, size_t max, double deadline) {
    size_t scanned = 0;
    while (true) {
        if (auto nl = buf.find('\n', scanned); nl != std::string::npos) {
            if (nl > max) return std::nullopt;  // it arrived whole in one read, but is too long
            std::string line = buf.substr(0, nl);
            buf.erase(0, nl + 1);
            return line;
        }
        scanned = buf.size();
        if (buf.size() > max || !receive_more(fd, buf, SIZE_MAX, deadline)) return std::nullopt;
    }
}

bool receive_exactly(int fd, std::string& buf, size_t size, double deadline) {
    if (buf.size() > size) return false;
    buf.reserve(size);
    while (buf.size() < size) {
        if (!receive_more(fd, buf, size - buf.size(), deadline)) return false;
    }
    return true;
}

}  // namespace ctguard
