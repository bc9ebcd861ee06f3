#include "daemon/metrics_server.hpp"

#include <netdb.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <vector>

#include "daemon/metrics_http_abi.hpp"
#include "lib/log.hpp"
#include "lib/module_loader.hpp"
#include "lib/text.hpp"

namespace ctguard {

namespace {

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

Result<const ctguard_metrics_http_api*> load_module(const std::string& path) {
    auto entry = load_module_entry(kMetricsHttpModule, kMetricsHttpEntry, "metrics", path);
    if (!entry) return entry.error();
    return reinterpret_cast<ctguard_metrics_http_entry>(*entry)();
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
    if (http_) api_->destroy(http_);
}

Result<std::unique_ptr<MetricsServer>> MetricsServer::start(std::string_view listen, Render render,
                                                            const std::string& module) {
    auto addr = parse_listen_address(listen);
    if (!addr) return addr.error();
    if (auto r = check_resolves(listen, addr->host); !r) return r.error();

    auto api = load_module(module);
    if (!api) return api.error();

    std::unique_ptr<MetricsServer> s(new MetricsServer(std::move(render)));
    MetricsServer* self = s.get();
    self->api_ = *api;
    // Nothing C++ crosses into the module: the text goes out through its write function, and an
    // exception becomes a failed render (a 500).
    auto render_c = [](void* context, ctguard_http_write write, void* body) -> int {
        auto* server = static_cast<MetricsServer*>(context);
        try {
            std::lock_guard lock(server->render_mutex_);
            std::string text = server->render_();
            write(body, text.data(), text.size());
            return 0;
        } catch (const std::exception& e) {
            warn_once(std::string("metrics: render failed: ") + e.what());
            return -1;
        }
    };
    self->http_ = self->api_->create(render_c, self);
    if (!self->http_) return Error::internal("metrics", "the HTTP server could not be made");
    int port = self->api_->bind(self->http_, addr->host.c_str(), addr->port);
    if (port < 0) return bind_error(listen, errno);
    self->host_ = addr->host;
    self->port_ = static_cast<uint16_t>(port);
    // The socket listens already (connections queue in its backlog); the loop accepts them.
    self->thread_ = std::thread([self] {
        char why[256] = "";
        if (self->api_->serve(self->http_, why, sizeof why) != 0) log_error(std::string("metrics server: ") + why);
        self->done_ = true;
    });
    return s;
}

void MetricsServer::stop() {
    if (!thread_.joinable()) return;
    // httplib's stop() does nothing before its loop runs (and asserts if called twice), so wait
    // for the loop to start, which takes the thread's first instructions, then stop it once.
    while (!api_->serving(http_) && !done_) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    if (!done_) api_->stop(http_);
    thread_.join();
}

}  // namespace ctguard
