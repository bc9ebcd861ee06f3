#pragma once
// The /metrics endpoint: a small HTTP/1.1 server that answers GET /metrics with whatever the callback
// returns (Prometheus text), 404 anywhere else, one request per connection (Connection: close). Used
// by `ctguard metrics --listen` and the daemon. Its own ~100 lines rather than cpp-httplib: Debian's
// libcpp-httplib is a shared library that loads libssl, libz and brotli into every ctguard command
// (about 3 ms of start-up), for one endpoint.
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <thread>

#include "lib/result.hpp"
#include "lib/unique_fd.hpp"

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
    // 77 for a privileged port without the right, 69 when the address is taken or not local.
    static Result<std::unique_ptr<MetricsServer>> start(std::string_view listen, Render render);
    ~MetricsServer();
    MetricsServer(const MetricsServer&) = delete;
    MetricsServer& operator=(const MetricsServer&) = delete;

    // The port actually bound (the kernel's choice when the address said 0).
    uint16_t port() const { return port_; }
    const std::string& host() const { return host_; }
    // Ends the loop (cutting off a request that waits on its client) and closes the listening
    // socket. Idempotent.
    void stop();

private:
    explicit MetricsServer(Render render);
    // The accept loop, on thread_. Requests are answered one at a time, which also keeps renders
    // (e.g. a netlink dump over one socket) from running concurrently.
    void serve();
    void answer(int conn);
    // Waits until `fd` is ready for `events`; false when the deadline passed or stop() was called.
    bool wait_for(int fd, short events, std::chrono::steady_clock::time_point deadline) const;

    Render render_;
    UniqueFd listener_;
    UniqueFd wake_;  // an eventfd: stop() writes to it to end the loop and any request in progress
    std::string host_;
    uint16_t port_ = 0;
    std::thread thread_;
};

}  // namespace ctguard
