#include "daemon/metrics_server.hpp"

#include <httplib.h>
#include <netdb.h>
#include <sys/socket.h>

#include <cerrno>
#include <chrono>
#include <cstring>

#include "lib/log.hpp"
#include "lib/text.hpp"

namespace ctguard {

namespace {

// The content type Prometheus expects for the text format.
constexpr const char* kContentType = "text/plain; version=0.0.4; charset=utf-8";

// Whoever reaches the port is not trusted, and the daemon runs as root: a scrape needs no body, a
// few threads, and seconds. httplib has no limit of its own (a chunked body of /dev/zero would
// grow the process until it is killed).
constexpr size_t kMaxPayload = 1024;
constexpr size_t kWorkers = 4;
constexpr time_t kTimeoutSeconds = 5;

// httplib queues every accepted connection (an open fd each) for its pool without a bound. When
// every worker is busy, this runs the connection on the accepting thread instead: nothing more is
// accepted until it ends, so further clients wait in the kernel's backlog, not in our fd table.
class BoundedQueue : public httplib::TaskQueue {
  public:
    void enqueue(std::function<void()> fn) override {
        if (busy_ >= kWorkers) {
            fn();
            return;
        }
        ++busy_;
        pool_.enqueue([this, fn = std::move(fn)] {
            fn();
            --busy_;
        });
    }
    void shutdown() override { pool_.shutdown(); }

  private:
    httplib::ThreadPool pool_{kWorkers};
    std::atomic<size_t> busy_{0};
};

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

// httplib reports a name that does not resolve as a failed bind without a reason: ask first.
Result<void> check_resolves(std::string_view text, const std::string& host) {
    addrinfo hints{};
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE;
    addrinfo* found = nullptr;
    int rc = ::getaddrinfo(host.c_str(), nullptr, &hints, &found);
    if (rc != 0) {
        return Error::unavailable("listen " + std::string(text),
                                  "cannot resolve '" + host + "': " + gai_strerror(rc));
    }
    ::freeaddrinfo(found);
    return {};
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

MetricsServer::MetricsServer(Render render)
    : http_(std::make_unique<httplib::Server>()), render_(std::move(render)) {}

MetricsServer::~MetricsServer() {
    stop();
}

Result<std::unique_ptr<MetricsServer>> MetricsServer::start(std::string_view listen, Render render) {
    auto addr = parse_listen_address(listen);
    if (!addr) return addr.error();
    if (auto r = check_resolves(listen, addr->host); !r) return r.error();

    std::unique_ptr<MetricsServer> s(new MetricsServer(std::move(render)));
    MetricsServer* self = s.get();
    // httplib's default also sets SO_REUSEPORT, which would let a second ctguard share the port
    // silently; SO_REUSEADDR alone still allows a quick restart.
    self->http_->set_socket_options([](socket_t sock) {
        int yes = 1;
        ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    });
    self->http_->new_task_queue = [] { return new BoundedQueue; };
    self->http_->set_payload_max_length(kMaxPayload);
    self->http_->set_read_timeout(kTimeoutSeconds);
    self->http_->set_write_timeout(kTimeoutSeconds);
    // One request per connection: httplib keeps reading a kept-alive connection after a refused
    // request, so the unread body would be parsed as the next request line, which it buffers
    // whole. A scraper reconnects at each interval anyway.
    self->http_->set_keep_alive_max_count(1);
    // Refused before httplib reads any body: a scrape is GET (HEAD is GET without the body).
    self->http_->set_pre_routing_handler([](const httplib::Request& req, httplib::Response& res) {
        if (req.method == "GET" || req.method == "HEAD") return httplib::Server::HandlerResponse::Unhandled;
        res.status = 405;
        res.set_header("Allow", "GET, HEAD");
        return httplib::Server::HandlerResponse::Handled;
    });
    self->http_->Get("/metrics", [self](const httplib::Request&, httplib::Response& res) {
        std::string body;
        {
            std::lock_guard lock(self->render_mutex_);
            body = self->render_();
        }
        res.set_content(std::move(body), kContentType);
    });

    errno = 0;
    int port = addr->port == 0 ? self->http_->bind_to_any_port(addr->host)
                               : (self->http_->bind_to_port(addr->host, addr->port) ? addr->port : -1);
    if (port < 0) return bind_error(listen, errno);
    self->host_ = addr->host;
    self->port_ = static_cast<uint16_t>(port);
    // The socket listens already (connections queue in its backlog); the loop accepts them.
    self->thread_ = std::thread([self] {
        run_logged("metrics server", [&] { self->http_->listen_after_bind(); });
        self->done_ = true;
    });
    return s;
}

void MetricsServer::stop() {
    if (!thread_.joinable()) return;
    // httplib's stop() does nothing before its loop runs (and asserts if called twice), so wait
    // for the loop to start, which takes the thread's first instructions, then stop it once.
    while (!http_->is_running() && !done_) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    if (!done_) http_->stop();
    thread_.join();
}

}  // namespace ctguard
