#pragma once
// The /metrics endpoint: a small HTTP server (cpp-httplib) that answers GET /metrics with whatever
// the callback returns (Prometheus text), 404 anywhere else, 405 to any method but GET and HEAD.
// Bodies, connections and their time are bounded (metrics_http/metrics_http.cpp, a module loaded
// when a server starts: daemon/metrics_http_abi.hpp says why). Used by `ctguard metrics --listen`
// and the daemon.
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

#include "lib/result.hpp"

struct ctguard_metrics_http_api;

namespace ctguard {

// "HOST:PORT" as `listen` is written: "127.0.0.1:9469", "[::1]:9469", "localhost:9469", ":9469"
// (every IPv4 address). Port 0 asks the kernel for a free port.
struct ListenAddress {
    std::string host;
    uint16_t port = 0;
};
Result<ListenAddress> parse_listen_address(std::string_view text);

class MetricsServer {
  public:
    using Render = std::function<std::string()>;

    // Binds and starts serving on a thread of its own. Fails with 64 for a malformed address,
    // 77 for a privileged port without the right, 69 when the address is taken or not local, or
    // when the module cannot be loaded. `module` is the module's path; empty, the one beside the
    // binary (tests, whose binaries live elsewhere, name the build's).
    static Result<std::unique_ptr<MetricsServer>> start(std::string_view listen, Render render,
                                                        const std::string& module = {});
    ~MetricsServer();
    MetricsServer(const MetricsServer&) = delete;
    MetricsServer& operator=(const MetricsServer&) = delete;

    // The port actually bound (the kernel's choice when the address said 0).
    uint16_t port() const { return port_; }
    const std::string& host() const { return host_; }
    // Closes the listening socket and waits for requests in flight. Idempotent.
    void stop();

  private:
    MetricsServer(Render render);

    // The module's operations and its server (daemon/metrics_http_abi.hpp).
    const ctguard_metrics_http_api* api_ = nullptr;
    void* http_ = nullptr;
    // Serialised: scrapes arrive on several worker threads, but a render (e.g. a netlink dump over
    // one socket) need not be thread-safe.
    std::mutex render_mutex_;
    Render render_;
    std::string host_;
    uint16_t port_ = 0;
    std::thread thread_;
    std::atomic<bool> done_{false};
};

}  // namespace ctguard
