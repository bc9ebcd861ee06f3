#include "cli/daemon_client.hpp"

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#include <cstdlib>
#include <cstring>
#include <optional>

#include "lib/socket_io.hpp"
#include "lib/time_text.hpp"
#include "lib/unique_fd.hpp"
#include "model/daemon_config.hpp"

namespace ctguard {

namespace {

// The whole exchange. A daemon in the middle of a resync (a dump of up to a second) still answers
// within it; one that does not is as good as none.
constexpr double kAnswerSeconds = 2;

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
    if (::getsockopt(fd.get(), SOL_SOCKET, SO_PEERCRED, &cred, &len) != 0 || cred.uid != 0)
        return std::nullopt;
    return fd;
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
    if (!send_all(fd->get(), live_request_line(request), deadline)) return std::nullopt;
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
    auto line = receive_line(q->fd.get(), buf, kMaxLiveResponse, q->deadline);
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
    auto line = receive_line(q->fd.get(), buf, kMaxLiveEntriesHeader, q->deadline);
    if (!line) return std::nullopt;
    auto header = parse_live_entries_header(*line);
    if (!header) return std::nullopt;
    // What the header announces (the daemon hangs up after the last record); the records that came
    // with the header line are the first of them.
    if (!receive_exactly(q->fd.get(), buf, header->entries * kLiveEntryBytes, q->deadline))
        return std::nullopt;
    return ReceivedEntries::check(*header, std::move(buf));
}

}  // namespace ctguard
