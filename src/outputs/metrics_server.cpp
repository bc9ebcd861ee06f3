#include "outputs/metrics_server.hpp"

#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstring>

#include "lib/text.hpp"

namespace ctguard {

namespace {

// The content type Prometheus expects for the text format.
constexpr const char* kContentType = "text/plain; version=0.0.4; charset=utf-8";
// A client gets this long to send its request and to take the answer (cpp-httplib's default).
constexpr std::chrono::seconds kClientTimeout{5};
// Longer request heads are refused; a scrape's is a few hundred bytes.
constexpr size_t kMaxRequest = 8192;

Error malformed(std::string_view text, std::string why) {
    return Error::usage("listen address '" + std::string(text) + "'", std::move(why),
                        "write HOST:PORT, e.g. 127.0.0.1:9469 or [::1]:9469");
}

Error bind_error(std::string_view text, int err) {
    std::string what = "listen " + std::string(text);
    if (err == EACCES || err == EPERM) {
        return Error{Exit::noperm, what, std::strerror(err),
                     "ports below 1024 need root (CAP_NET_BIND_SERVICE)"};
    }
    if (err == EADDRINUSE) {
        return Error::unavailable(what, std::strerror(err),
                                  "another process listens there: pick another port");
    }
    if (err == EADDRNOTAVAIL) {
        return Error::unavailable(what, std::strerror(err), "no interface of this host has that address");
    }
    return Error::unavailable(what, err != 0 ? std::strerror(err) : "cannot bind that address");
}

// A listening socket on the first address `host` resolves to that can be bound (AI_PASSIVE: "0.0.0.0"
// and "::" are every address).
Result<UniqueFd> listen_on(std::string_view text, const std::string& host, uint16_t port) {
    addrinfo hints{};
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE;
    addrinfo* found = nullptr;
    int rc = ::getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &found);
    if (rc != 0) {
        return Error::unavailable("listen " + std::string(text),
                                  "cannot resolve '" + host + "': " + gai_strerror(rc));
    }
    std::unique_ptr<addrinfo, decltype(&::freeaddrinfo)> list(found, ::freeaddrinfo);
    int err = 0;
    for (const addrinfo* a = found; a; a = a->ai_next) {
        UniqueFd fd(::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol));
        if (!fd.valid()) {
            err = errno;
            continue;
        }
        // SO_REUSEADDR allows a quick restart; not SO_REUSEPORT, which would let a second ctguard
        // share the port silently.
        int yes = 1;
        ::setsockopt(fd.get(), SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
        if (::bind(fd.get(), a->ai_addr, a->ai_addrlen) == 0 && ::listen(fd.get(), SOMAXCONN) == 0) return fd;
        err = errno;
    }
    return bind_error(text, err);
}

// "GET /metrics?x=1 HTTP/1.1" -> method and path (without the query); false when malformed.
bool parse_request_line(std::string_view head, std::string_view& method, std::string_view& path) {
    std::string_view line = head.substr(0, head.find("\r\n"));
    auto sp1 = line.find(' ');
    auto sp2 = line.rfind(' ');
    if (sp1 == std::string_view::npos || sp2 == sp1 || !line.substr(sp2 + 1).starts_with("HTTP/1.")) return false;
    method = line.substr(0, sp1);
    path = line.substr(sp1 + 1, sp2 - sp1 - 1);
    path = path.substr(0, path.find('?'));
    return !method.empty() && path.starts_with('/');
}

std::string response(std::string_view status, std::string_view content_type, const std::string& body,
                     bool with_body) {
    std::string out = "HTTP/1.1 " + std::string(status) + "\r\nContent-Type: " + std::string(content_type) +
                      "\r\nContent-Length: " + std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n";
    if (with_body) out += body;
    return out;
}

}  // namespace

Result<ListenAddress> parse_listen_address(std::string_view text) {
    std::string_view host, port;
    if (!text.empty() && text.front() == '[') {
        auto close = text.find("]:");
        if (close == std::string_view::npos) return malformed(text, "expected [IPV6]:PORT");
        host = text.substr(1, close - 1);
        port = text.substr(close + 2);
        if (host.empty()) return malformed(text, "empty IPv6 address");
    } else {
        auto colon = text.rfind(':');
        if (colon == std::string_view::npos) return malformed(text, "no port");
        host = text.substr(0, colon);
        port = text.substr(colon + 1);
        if (host.find(':') != std::string_view::npos)
            return malformed(text, "an IPv6 address needs brackets");
    }
    auto number = parse_u64(port, 65535);
    if (!number) return malformed(text, "port must be a number from 0 to 65535");
    return ListenAddress{host.empty() ? "0.0.0.0" : std::string(host), static_cast<uint16_t>(*number)};
}

MetricsServer::MetricsServer(Render render) : render_(std::move(render)) {}

MetricsServer::~MetricsServer() {
    stop();
}

Result<std::unique_ptr<MetricsServer>> MetricsServer::start(std::string_view listen, Render render) {
    auto addr = parse_listen_address(listen);
    if (!addr) return addr.error();
    auto listener = listen_on(listen, addr->host, addr->port);
    if (!listener) return listener.error();

    std::unique_ptr<MetricsServer> s(new MetricsServer(std::move(render)));
    s->listener_ = std::move(*listener);
    s->wake_ = UniqueFd(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK));
    if (!s->wake_.valid()) return Error::from_errno("metrics server: eventfd", errno);
    sockaddr_storage bound{};
    socklen_t len = sizeof bound;
    if (::getsockname(s->listener_.get(), reinterpret_cast<sockaddr*>(&bound), &len) != 0)
        return Error::from_errno("metrics server: getsockname", errno);
    s->port_ = ntohs(bound.ss_family == AF_INET6 ? reinterpret_cast<sockaddr_in6*>(&bound)->sin6_port
                                                 : reinterpret_cast<sockaddr_in*>(&bound)->sin_port);
    s->host_ = addr->host;
    // The socket listens already (connections queue in its backlog); the loop accepts them.
    s->thread_ = std::thread([self = s.get()] { self->serve(); });
    return s;
}

void MetricsServer::stop() {
    if (!thread_.joinable()) return;
    uint64_t one = 1;
    [[maybe_unused]] auto n = ::write(wake_.get(), &one, sizeof one);
    thread_.join();
    listener_.reset();  // from here on, connecting is refused
}

bool MetricsServer::wait_for(int fd, short events, std::chrono::steady_clock::time_point deadline) const {
    while (true) {
        auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) return false;
        pollfd fds[2] = {{fd, events, 0}, {wake_.get(), POLLIN, 0}};
        int n = ::poll(fds, 2, static_cast<int>(left.count()));
        if (n < 0 && errno != EINTR) return false;
        if (fds[1].revents != 0) return false;
        if (n > 0) return true;
    }
}

void MetricsServer::serve() {
    const auto forever = std::chrono::steady_clock::time_point::max();
    while (wait_for(listener_.get(), POLLIN, forever)) {
        UniqueFd conn(::accept4(listener_.get(), nullptr, nullptr, SOCK_CLOEXEC));
        if (conn.valid()) {
            answer(conn.get());
        } else if (errno == EMFILE || errno == ENFILE || errno == ENOMEM || errno == ENOBUFS) {
            // The connection stays queued, so poll would wake at once: back off while none is free.
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    }
}

void MetricsServer::answer(int conn) {
    const auto deadline = std::chrono::steady_clock::now() + kClientTimeout;
    // The request head, up to the empty line; a GET has no body to read.
    std::string head;
    char buf[2048];
    while (head.find("\r\n\r\n") == std::string::npos) {
        if (head.size() > kMaxRequest || !wait_for(conn, POLLIN, deadline)) return;
        ssize_t n = ::recv(conn, buf, sizeof buf, 0);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return;  // the client left
        head.append(buf, static_cast<size_t>(n));
    }

    std::string_view method, path;
    std::string out;
    if (!parse_request_line(head, method, path)) {
        out = response("400 Bad Request", "text/plain", "bad request\n", true);
    } else if (path != "/metrics") {
        out = response("404 Not Found", "text/plain", "not found\n", method != "HEAD");
    } else if (method != "GET" && method != "HEAD") {
        out = response("405 Method Not Allowed", "text/plain", "only GET\n", true);
    } else {
        try {
            out = response("200 OK", kContentType, render_(), method == "GET");
        } catch (const std::exception& e) {
            out = response("500 Internal Server Error", "text/plain", std::string(e.what()) + "\n", true);
        }
    }
    for (size_t sent = 0; sent < out.size();) {
        if (!wait_for(conn, POLLOUT, deadline)) return;
        ssize_t n = ::send(conn, out.data() + sent, out.size() - sent, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return;
        sent += static_cast<size_t>(n);
    }
}

}  // namespace ctguard
