#pragma once
// The boundary between the binary and ctguard-metrics-http.so, the /metrics HTTP server (cpp-httplib).
// Debian's cpp-httplib pulls libssl, libcrypto, zlib, brotli and the shared libstdc++ in with it;
// linked into the binary, the dynamic loader mapped and relocated them (and libssl read OpenSSL's
// configuration) at every start of every command, though only `metrics --listen` and the daemon
// serve HTTP. So the server is a module of ours that metrics_server.cpp loads with dlopen when one
// starts (docs/testing.md has the measurements).
// The binary has libstdc++ linked in statically and the module uses the shared one, so the boundary
// is plain C: no C++ object and no exception crosses it, only bytes, numbers and function pointers.
// The version in the entry point's name refuses a module from a build with another boundary.
#include <cstddef>
#include <cstdint>

extern "C" {

// Appends bytes to the body of the response the module builds.
typedef void (*ctguard_http_write)(void* body, const char* data, size_t size);
// Writes the exposition through `write`; 0, or -1 when it failed (the module answers 500). Called
// on the module's worker threads.
typedef int (*ctguard_http_render)(void* context, ctguard_http_write write, void* body);

// The server's operations. The binary owns the policy around them (addresses, errors, the thread,
// the lock around the render); the module owns what is httplib's (routes, limits, its workers).
struct ctguard_metrics_http_api {
    // A server that answers GET /metrics with render(context); nullptr when it cannot be made.
    void* (*create)(ctguard_http_render render, void* context);
    // Binds HOST and PORT (0: a port the kernel picks); the socket listens when this returns.
    // Returns the port bound, or -1 with errno set (0 when httplib gave no reason).
    int (*bind)(void* server, const char* host, uint16_t port);
    // Accepts and answers until stop(); runs on a thread of the binary's, after bind(). 0, or -1
    // with the reason in why[why_size].
    int (*serve)(void* server, char* why, size_t why_size);
    // 1 once serve() accepts.
    int (*serving)(void* server);
    // Ends serve() and waits for requests in flight; only once, and only while serving().
    void (*stop)(void* server);
    void (*destroy)(void* server);
};

typedef const ctguard_metrics_http_api* (*ctguard_metrics_http_entry)(void);
}

namespace ctguard {
inline constexpr const char* kMetricsHttpModule = "ctguard-metrics-http.so";
inline constexpr const char* kMetricsHttpEntry = "ctguard_metrics_http_v1";
}  // namespace ctguard
