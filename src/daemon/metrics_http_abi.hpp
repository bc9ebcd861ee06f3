#pragma once
// The boundary between the binary and ctguard-metrics-http.so, the /metrics HTTP server (cpp-httplib).
// Debian's cpp-httplib pulls libssl, libcrypto, zlib and brotli in with it; linked into the binary,
// the dynamic loader mapped and relocated them (and libssl ran OpenSSL's configuration) at every
// start of every command, though only `metrics --listen` and the daemon serve HTTP. So the server
// is a module of ours that metrics_server.cpp loads with dlopen when one starts (docs/testing.md has
// the measurements). Both sides are built from this tree by the same compiler against the same
// shared libstdc++, so C++ types cross; the version in the factory's name refuses a module left
// over from another build with a different boundary.
#include <cstdint>
#include <functional>
#include <string>

namespace ctguard {

// One server. The binary owns the policy around it (addresses, errors, the thread, the lock around
// the render); the module owns what is httplib's (routes, limits, its worker pool).
class MetricsHttp {
  public:
    virtual ~MetricsHttp() = default;
    // Binds HOST and PORT (0: a port the kernel picks); the socket listens when this returns.
    // Returns the port bound, or -1 with errno set (0 when httplib gave no reason).
    virtual int bind(const std::string& host, uint16_t port) = 0;
    // Accepts and answers until stop(); runs on a thread of the caller's, after bind().
    virtual void serve() = 0;
    // True once serve() accepts.
    virtual bool serving() const = 0;
    // Ends serve() and waits for requests in flight; only once, and only while serving().
    virtual void stop() = 0;
};

// GET /metrics answers render()'s text; render is called on httplib's worker threads.
using MetricsHttpFactory = MetricsHttp* (*)(std::function<std::string()> render);
inline constexpr const char* kMetricsHttpModule = "ctguard-metrics-http.so";
inline constexpr const char* kMetricsHttpFactory = "ctguard_metrics_http_new_v1";

}  // namespace ctguard
