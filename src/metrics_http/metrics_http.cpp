// ctguard-metrics-http.so: the /metrics endpoint on cpp-httplib, loaded by daemon/metrics_server.cpp
// (the reason is in daemon/metrics_http_abi.hpp). GET /metrics answers the render's text, 404
// anywhere else, 405 to any method but GET and HEAD; bodies, connections and their time are bounded.
#include <httplib.h>
#include <sys/socket.h>

#include <atomic>
#include <cerrno>

#include "daemon/metrics_http_abi.hpp"

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

class HttplibMetrics final : public MetricsHttp {
  public:
    explicit HttplibMetrics(std::function<std::string()> render) {
        // httplib's default also sets SO_REUSEPORT, which would let a second ctguard share the port
        // silently; SO_REUSEADDR alone still allows a quick restart.
        http_.set_socket_options([](socket_t sock) {
            int yes = 1;
            ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
        });
        http_.new_task_queue = [] { return new BoundedQueue; };
        http_.set_payload_max_length(kMaxPayload);
        http_.set_read_timeout(kTimeoutSeconds);
        http_.set_write_timeout(kTimeoutSeconds);
        // One request per connection: httplib keeps reading a kept-alive connection after a refused
        // request, so the unread body would be parsed as the next request line, which it buffers
        // whole. A scraper reconnects at each interval anyway.
        http_.set_keep_alive_max_count(1);
        // Refused before httplib reads any body: a scrape is GET (HEAD is GET without the body).
        http_.set_pre_routing_handler([](const httplib::Request& req, httplib::Response& res) {
            if (req.method == "GET" || req.method == "HEAD") return httplib::Server::HandlerResponse::Unhandled;
            res.status = 405;
            res.set_header("Allow", "GET, HEAD");
            return httplib::Server::HandlerResponse::Handled;
        });
        http_.Get("/metrics", [render = std::move(render)](const httplib::Request&, httplib::Response& res) {
            res.set_content(render(), kContentType);
        });
    }

    int bind(const std::string& host, uint16_t port) override {
        errno = 0;
        if (port == 0) return http_.bind_to_any_port(host);
        return http_.bind_to_port(host, port) ? port : -1;
    }
    void serve() override { http_.listen_after_bind(); }
    bool serving() const override { return http_.is_running(); }
    void stop() override { http_.stop(); }

  private:
    httplib::Server http_;
};

}  // namespace
}  // namespace ctguard

// The one symbol the module exports (the rest is hidden, see CMakeLists.txt).
extern "C" __attribute__((visibility("default"))) ctguard::MetricsHttp* ctguard_metrics_http_new_v1(
    std::function<std::string()> render) {
    return new ctguard::HttplibMetrics(std::move(render));
}

// The factory has the type the binary calls it through.
static_assert(std::is_same_v<decltype(&ctguard_metrics_http_new_v1), ctguard::MetricsHttpFactory>);
