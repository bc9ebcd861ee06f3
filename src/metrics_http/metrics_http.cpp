// ctguard-metrics-http.so: the /metrics endpoint on cpp-httplib, loaded by daemon/metrics_server.cpp
// (why, and why its boundary is plain C: daemon/metrics_http_abi.hpp). GET /metrics answers the
// render's text, 404 anywhere else, 405 to any method but GET and HEAD; bodies, connections and
// their time are bounded. No exception leaves the module.
#include <httplib.h>
#include <sys/socket.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <exception>
#include <new>

#include "daemon/metrics_http_abi.hpp"

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

void append(void* body, const char* data, size_t size) {
    static_cast<std::string*>(body)->append(data, size);
}

httplib::Server* make_server(ctguard_http_render render, void* context) {
    auto* http = new httplib::Server;
    // httplib's default also sets SO_REUSEPORT, which would let a second ctguard share the port
    // silently; SO_REUSEADDR alone still allows a quick restart.
    http->set_socket_options([](socket_t sock) {
        int yes = 1;
        ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    });
    http->new_task_queue = [] { return new BoundedQueue; };
    http->set_payload_max_length(kMaxPayload);
    http->set_read_timeout(kTimeoutSeconds);
    http->set_write_timeout(kTimeoutSeconds);
    // One request per connection: httplib keeps reading a kept-alive connection after a refused
    // request, so the unread body would be parsed as the next request line, which it buffers
    // whole. A scraper reconnects at each interval anyway.
    http->set_keep_alive_max_count(1);
    // Refused before httplib reads any body: a scrape is GET (HEAD is GET without the body).
    http->set_pre_routing_handler([](const httplib::Request& req, httplib::Response& res) {
        if (req.method == "GET" || req.method == "HEAD") return httplib::Server::HandlerResponse::Unhandled;
        res.status = 405;
        res.set_header("Allow", "GET, HEAD");
        return httplib::Server::HandlerResponse::Handled;
    });
    http->Get("/metrics", [render, context](const httplib::Request&, httplib::Response& res) {
        std::string body;
        if (render(context, append, &body) != 0) {
            res.status = 500;
            return;
        }
        res.set_content(std::move(body), kContentType);
    });
    return http;
}

httplib::Server* server_of(void* server) {
    return static_cast<httplib::Server*>(server);
}

const ctguard_metrics_http_api kApi = {
    [](ctguard_http_render render, void* context) -> void* {
        try {
            return make_server(render, context);
        } catch (const std::exception&) {
            return nullptr;
        }
    },
    [](void* server, const char* host, uint16_t port) -> int {
        errno = 0;
        try {
            if (port == 0) return server_of(server)->bind_to_any_port(host);
            return server_of(server)->bind_to_port(host, port) ? port : -1;
        } catch (const std::exception&) {
            return -1;
        }
    },
    [](void* server, char* why, size_t why_size) -> int {
        try {
            server_of(server)->listen_after_bind();
            return 0;
        } catch (const std::exception& e) {
            std::snprintf(why, why_size, "%s", e.what());
            return -1;
        }
    },
    [](void* server) -> int { return server_of(server)->is_running() ? 1 : 0; },
    [](void* server) { server_of(server)->stop(); },
    [](void* server) { delete server_of(server); },
};

}  // namespace

// The one symbol the module exports (the rest is hidden, see CMakeLists.txt).
extern "C" __attribute__((visibility("default"))) const ctguard_metrics_http_api* ctguard_metrics_http_v1() {
    return &kApi;
}

static_assert(std::is_same_v<decltype(&ctguard_metrics_http_v1), ctguard_metrics_http_entry>);
