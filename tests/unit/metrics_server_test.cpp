#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>

#include "daemon/metrics_server.hpp"

using namespace ctguard;

namespace {

// The test binary is not beside the module, as ctguard is: name the build's.
Result<std::unique_ptr<MetricsServer>> start_server(std::string_view listen, MetricsServer::Render render) {
    return MetricsServer::start(listen, std::move(render), CTGUARD_METRICS_HTTP_MODULE);
}

}  // namespace

TEST(ListenAddress, Parses) {
    auto a = parse_listen_address("127.0.0.1:9469");
    ASSERT_TRUE(a);
    EXPECT_EQ(a->host, "127.0.0.1");
    EXPECT_EQ(a->port, 9469);
    auto v6 = parse_listen_address("[::1]:0");
    ASSERT_TRUE(v6);
    EXPECT_EQ(v6->host, "::1");
    EXPECT_EQ(v6->port, 0);
    auto any = parse_listen_address(":9469");
    ASSERT_TRUE(any);
    EXPECT_EQ(any->host, "0.0.0.0");
    EXPECT_EQ(parse_listen_address("localhost:65535")->host, "localhost");
}

TEST(ListenAddress, RejectsMalformed) {
    for (const char* bad : {"", "9469", "127.0.0.1", "127.0.0.1:", "127.0.0.1:65536", "127.0.0.1:-1",
                            "127.0.0.1:80x", "::1:9469", "[::1]9469", "[]:9469", "[::1:9469"}) {
        auto r = parse_listen_address(bad);
        ASSERT_FALSE(r) << bad;
        EXPECT_EQ(r.error().code, Exit::usage) << bad;
    }
}

TEST(MetricsServer, ServesMetricsAnd404Elsewhere) {
    std::atomic<int> renders{0};
    auto server =
        start_server("127.0.0.1:0", [&] { return "m " + std::to_string(++renders) + "\n"; });
    ASSERT_TRUE(server) << server.error().why;
    ASSERT_NE((*server)->port(), 0);

    httplib::Client client("127.0.0.1", (*server)->port());
    auto res = client.Get("/metrics");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200);
    EXPECT_EQ(res->body, "m 1\n");
    EXPECT_EQ(res->get_header_value("Content-Type"), "text/plain; version=0.0.4; charset=utf-8");
    EXPECT_EQ(client.Get("/metrics")->body, "m 2\n");  // rendered per scrape
    EXPECT_EQ(client.Get("/")->status, 404);
    EXPECT_EQ(client.Get("/metrics/x")->status, 404);
    EXPECT_EQ(renders, 2);

    (*server)->stop();
    (*server)->stop();  // idempotent
    httplib::Client after("127.0.0.1", (*server)->port());
    after.set_connection_timeout(1);
    EXPECT_FALSE(after.Get("/metrics"));
}

TEST(MetricsServer, RefusesMethodsOtherThanGetAndHead) {
    std::atomic<int> renders{0};
    auto server = start_server("127.0.0.1:0", [&] {
        ++renders;
        return std::string("m 1\n");
    });
    ASSERT_TRUE(server);
    httplib::Client client("127.0.0.1", (*server)->port());
    auto post = client.Post("/metrics", "x", "text/plain");
    ASSERT_TRUE(post);
    EXPECT_EQ(post->status, 405);
    EXPECT_EQ(post->get_header_value("Allow"), "GET, HEAD");
    EXPECT_EQ(client.Put("/anywhere", "x", "text/plain")->status, 405);
    EXPECT_EQ(client.Delete("/metrics")->status, 405);
    EXPECT_EQ(client.Head("/metrics")->status, 200);
    EXPECT_EQ(renders, 1);  // the HEAD only: the others were refused before their handler
}

TEST(MetricsServer, TakenPortIsUnavailable) {
    auto first = start_server("127.0.0.1:0", [] { return std::string(); });
    ASSERT_TRUE(first);
    auto second =
        start_server("127.0.0.1:" + std::to_string((*first)->port()), [] { return std::string(); });
    ASSERT_FALSE(second);
    EXPECT_EQ(second.error().code, Exit::unavailable);
    EXPECT_EQ(second.error().why, "Address already in use");
}

TEST(MetricsServer, AddressOfNoLocalInterfaceIsUnavailable) {
    auto r = start_server("198.18.255.254:0", [] { return std::string(); });
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, Exit::unavailable);
}

TEST(MetricsServer, StopsRightAfterStart) {
    // stop() may come before the accept loop runs: it must neither hang nor miss it.
    for (int i = 0; i < 20; ++i) {
        auto server = start_server("127.0.0.1:0", [] { return std::string(); });
        ASSERT_TRUE(server);
    }
}

TEST(MetricsServer, MissingModuleIsUnavailable) {
    auto r = MetricsServer::start("127.0.0.1:0", [] { return std::string(); }, "/nonexistent/ctguard-metrics-http.so");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, Exit::unavailable);
    EXPECT_NE(r.error().why.find("cannot load ctguard-metrics-http.so"), std::string::npos) << r.error().why;
}
