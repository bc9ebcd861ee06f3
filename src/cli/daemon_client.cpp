#include "cli/daemon_client.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <optional>

#include "lib/time_text.hpp"
#include "lib/unique_fd.hpp"
#include "model/daemon_config.hpp"

namespace ctguard {

namespace {

// The whole exchange. A daemon in the middle of a resync (a dump of up to a second) still answers
// within it; one that does not is as good as none.
constexpr double kAnswerSeconds = 2;

bool wait_for(int fd, short events, double deadline) {
    while (true) {
        const double left = deadline - monotonic_seconds();
        if (left <= 0) return false;
        pollfd p{fd, events, 0};
        const int rc = ::poll(&p, 1, static_cast<int>(std::ceil(left * 1000.0)));
        if (rc > 0) return true;
        if (rc == 0 || errno != EINTR) return false;
    }
}

// Only root's socket: a user who could make ctguard talk to theirs could make it print anything.
std::optional<UniqueFd> connect_daemon(const std::string& path) {
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0 || !S_ISSOCK(st.st_mode) || st.st_uid != 0) return std::nullopt;
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    if (path.size() >= sizeof addr.sun_path) return std::nullopt;
    std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
    UniqueFd fd(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
    if (!fd.valid() || ::connect(fd.get(), reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0)
        return std::nullopt;  // a dead daemon's socket refuses; a full backlog says EAGAIN
    ucred cred{};
    socklen_t len = sizeof cred;
    if (::getsockopt(fd.get(), SOL_SOCKET, SO_PEERCRED, &cred, &len) != 0 || cred.uid != 0) return std::nullopt;
    return fd;
}

bool send_request(const UniqueFd& fd, std::string_view out, double deadline) {
    while (!out.empty()) {
        if (!wait_for(fd.get(), POLLOUT, deadline)) return false;
        const ssize_t n = ::send(fd.get(), out.data(), out.size(), MSG_NOSIGNAL);
        if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
        if (n <= 0) return false;
        out.remove_prefix(static_cast<size_t>(n));
    }
    return true;
}

// Appends what the socket has, at most `room` bytes, to `buf`; false when it closed, failed or the
// deadline passed. Received into a chunk and copied: receiving straight into the zeroed tail of a
// resized string touched every page twice (26 MB took a third longer).
bool receive_more(const UniqueFd& fd, std::string& buf, size_t room, double deadline) {
    char chunk[64 * 1024];
    while (true) {
        if (!wait_for(fd.get(), POLLIN, deadline)) return false;
        const ssize_t n = ::recv(fd.get(), chunk, std::min(room, sizeof chunk), 0);
        if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
        if (n <= 0) return false;
        buf.append(chunk, static_cast<size_t>(n));
        return true;
    }
}

// Receives into `buf` until it holds a line of at most `max` bytes; returns the line and leaves in
// `buf` what followed it.
std::optional<std::string> receive_line(const UniqueFd& fd, std::string& buf, size_t max, double deadline) {
    size_t scanned = 0;
    while (true) {
        if (auto nl = buf.find('\n', scanned); nl != std::string::npos) {
            std::string line = buf.substr(0, nl);
            buf.erase(0, nl + 1);
            return line;
        }
        scanned = buf.size();
        if (buf.size() > max || !receive_more(fd, buf, SIZE_MAX, deadline)) return std::nullopt;
    }
}

// Receives into `buf` until it holds `size` bytes; false when the socket closed, failed or the
// deadline passed first, or `buf` held more already.
bool receive_exactly(const UniqueFd& fd, std::string& buf, size_t size, double deadline) {
    if (buf.size() > size) return false;
    buf.reserve(size);
    while (buf.size() < size) {
        if (!receive_more(fd, buf, size - buf.size(), deadline)) return false;
    }
    return true;
}

// A request sent to a daemon that may answer for this namespace, and when its answer must be in.
struct Asked {
    UniqueFd fd;
    double deadline = 0;
};

std::optional<Asked> ask(const GlobalOptions& g, LiveRequest request) {
    if (!g.root_dir().live()) return std::nullopt;  // a --root tree is not what the daemon watches
    // Connected first: without a daemon (the usual case) no request is built, which would cost a
    // start the JSON code's pages.
    auto fd = connect_daemon(daemon_socket_path());
    if (!fd) return std::nullopt;
    auto ns = current_netns_id();
    if (!ns) return std::nullopt;
    request.netns = *ns;
    request.json = g.json;
    const double deadline = monotonic_seconds() + kAnswerSeconds;
    if (!send_request(*fd, live_request_line(request), deadline)) return std::nullopt;
    return Asked{std::move(*fd), deadline};
}

}  // namespace

std::string daemon_socket_path() {
    const char* env = std::getenv("CTGUARD_SOCKET");
    return env && *env ? std::string(env) : DaemonConfig{}.socket;
}

bool print_from_daemon(const GlobalOptions& g, LiveRequest request) {
    auto q = ask(g, std::move(request));
    if (!q) return false;
    std::string buf;
    auto line = receive_line(q->fd, buf, kMaxLiveResponse, q->deadline);
    if (!line) return false;
    auto output = parse_live_response(*line);
    if (!output) return false;
    if (g.json && output->is_object()) {
        print_json(*output);
        return true;
    }
    if (!g.json && output->is_string()) {
        print_text(output->get<std::string>());
        return true;
    }
    return false;
}

std::optional<ReceivedEntries> entries_from_daemon(const GlobalOptions& g) {
    LiveRequest request;
    request.command = LiveCommand::entries;
    auto q = ask(g, request);
    if (!q) return std::nullopt;
    std::string buf;
    auto line = receive_line(q->fd, buf, kMaxLiveEntriesHeader, q->deadline);
    if (!line) return std::nullopt;
    auto header = parse_live_entries_header(*line);
    if (!header) return std::nullopt;
    // What the header announces (the daemon hangs up after the last record); the records that came
    // with the header line are the first of them.
    if (!receive_exactly(q->fd, buf, header->entries * kLiveEntryBytes, q->deadline)) return std::nullopt;
    return ReceivedEntries::check(*header, std::move(buf));
}

}  // namespace ctguard
