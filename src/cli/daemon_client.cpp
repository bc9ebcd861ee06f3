#include "cli/daemon_client.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#include <cerrno>
#include <cmath>
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

std::optional<std::string> ask_daemon(const UniqueFd& fd, const std::string& request) {
    const double deadline = monotonic_seconds() + kAnswerSeconds;
    std::string_view out = request;
    while (!out.empty()) {
        if (!wait_for(fd.get(), POLLOUT, deadline)) return std::nullopt;
        const ssize_t n = ::send(fd.get(), out.data(), out.size(), MSG_NOSIGNAL);
        if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
        if (n <= 0) return std::nullopt;
        out.remove_prefix(static_cast<size_t>(n));
    }
    std::string answer;
    char buf[64 * 1024];
    while (answer.size() <= kMaxLiveResponse) {
        if (!wait_for(fd.get(), POLLIN, deadline)) return std::nullopt;
        const ssize_t n = ::recv(fd.get(), buf, sizeof buf, 0);
        if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
        if (n <= 0) return std::nullopt;  // closed before the line ended
        answer.append(buf, static_cast<size_t>(n));
        if (answer.back() == '\n') {
            answer.pop_back();
            return answer;
        }
    }
    return std::nullopt;
}

}  // namespace

std::string daemon_socket_path() {
    const char* env = std::getenv("CTGUARD_SOCKET");
    return env && *env ? std::string(env) : DaemonConfig{}.socket;
}

bool print_from_daemon(const GlobalOptions& g, LiveRequest request) {
    if (!g.root_dir().live()) return false;  // a --root tree is not what the daemon watches
    // Connected first: without a daemon (the usual case) no request is built, which would cost a
    // start the JSON code's pages.
    auto fd = connect_daemon(daemon_socket_path());
    if (!fd) return false;
    auto ns = current_netns_id();
    if (!ns) return false;
    request.netns = *ns;
    request.json = g.json;
    auto line = ask_daemon(*fd, live_request_line(request));
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

}  // namespace ctguard
