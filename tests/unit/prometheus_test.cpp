#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <set>
#include <sstream>

#include "model/ip.hpp"
#include "report/prometheus.hpp"

using namespace ctguard;

namespace {

TopResult top_by_src(std::initializer_list<std::pair<const char*, uint64_t>> rows, uint64_t other,
                     uint64_t groups) {
    TopResult r;
    r.by = {TopKey::src};
    for (const auto& [ip, count] : rows) {
        TopRow row;
        row.values.src = *parse_ip(ip);
        row.count = count;
        r.rows.push_back(row);
        r.total += count;
    }
    r.other = other;
    r.total += other;
    r.groups = groups;
    return r;
}

TenantState tenant(std::string name, uint64_t count, Level level) {
    TenantState t;
    t.name = std::move(name);
    t.count = count;
    t.max = 29000;
    t.level = level;
    return t;
}

// Sample lines by their series ("name{labels}"), value as written.
std::map<std::string, std::string> samples(const std::string& text) {
    std::map<std::string, std::string> out;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        auto space = line.rfind(' ');
        out[line.substr(0, space)] = line.substr(space + 1);
    }
    return out;
}

size_t count_prefix(const std::map<std::string, std::string>& s, const std::string& prefix) {
    size_t n = 0;
    for (const auto& [series, value] : s) n += series.rfind(prefix, 0) == 0;
    return n;
}

FleetSnapshot sample_fleet() {
    FleetSnapshot f;
    auto a = tenant("vps101", 12000, Level::elevated);
    a.have_stats = true;
    a.stats.drop = 7;
    a.stats.insert_failed = 3;
    a.seconds_to_full = 812.5;
    a.top.push_back(top_by_src({{"198.18.0.1", 9000}, {"198.18.0.2", 2000}}, 1000, 40));
    TopResult dport;
    dport.by = {TopKey::dport};
    TopRow r;
    r.values.dport = 443;
    r.count = 12000;
    dport.rows.push_back(r);
    dport.total = 12000;
    dport.groups = 1;
    a.top.push_back(dport);
    f.tenants.push_back(a);
    f.tenants.push_back(tenant("vps102", 10, Level::ok));
    auto down = tenant("vps103", 0, Level::ok);
    down.up = false;
    down.error = "no such namespace";
    f.tenants.push_back(down);
    f.collect_duration_seconds = 0.25;
    f.collect_errors_total = 4;
    f.ts = 1700000000.5;
    return f;
}

}  // namespace

TEST(Prometheus, EscapesLabelValues) {
    EXPECT_EQ(escape_label_value("plain-name_1"), "plain-name_1");
    EXPECT_EQ(escape_label_value("a\"b"), "a\\\"b");
    EXPECT_EQ(escape_label_value("a\\b"), "a\\\\b");
    EXPECT_EQ(escape_label_value("a\nb"), "a\\nb");
    EXPECT_EQ(escape_label_value("ü\t"), "ü\t");  // UTF-8 and tabs pass as they are

    FleetSnapshot f;
    f.tenants.push_back(tenant("we\"ird\\ten\nant", 5, Level::ok));
    auto s = samples(prometheus_text(f));
    EXPECT_EQ(s.at(R"(ctguard_conntrack_entries{tenant="we\"ird\\ten\nant"})"), "5");
}

TEST(Prometheus, HelpAndTypeOncePerFamilyBeforeItsSamples) {
    std::istringstream in(prometheus_text(sample_fleet()));
    std::map<std::string, int> help, type;
    std::set<std::string> finished;  // families whose samples are over
    std::string current, line;
    while (std::getline(in, line)) {
        ASSERT_FALSE(line.empty());
        if (line.rfind("# HELP ", 0) == 0) {
            std::string name = line.substr(7, line.find(' ', 7) - 7);
            ++help[name];
            if (!current.empty()) finished.insert(current);
            current = name;
            continue;
        }
        if (line.rfind("# TYPE ", 0) == 0) {
            std::string name = line.substr(7, line.find(' ', 7) - 7);
            ASSERT_EQ(name, current) << "TYPE right after HELP";
            ++type[name];
            std::string kind = line.substr(line.rfind(' ') + 1);
            EXPECT_TRUE(kind == "gauge" || kind == "counter") << line;
            EXPECT_EQ(kind == "counter", name.ends_with("_total")) << line;
            continue;
        }
        std::string name = line.substr(0, line.find_first_of("{ "));
        EXPECT_EQ(name, current) << "sample outside its family: " << line;
        EXPECT_FALSE(finished.count(name)) << line;
    }
    EXPECT_EQ(help.size(), 14u);
    for (const auto& [name, n] : help) {
        EXPECT_EQ(n, 1) << name;
        EXPECT_EQ(type[name], 1) << name;
        EXPECT_TRUE(name.starts_with("ctguard_")) << name;
    }
}

TEST(Prometheus, FamiliesAreNamedEvenWithoutSamples) {
    std::string text = prometheus_text(FleetSnapshot{});
    for (const char* family : {"ctguard_conntrack_entries", "ctguard_conntrack_level", "ctguard_top_entries",
                               "ctguard_suspicious_processes", "ctguard_collect_duration_seconds"}) {
        EXPECT_NE(text.find(std::string("# TYPE ") + family + " "), std::string::npos) << family;
    }
}

TEST(Prometheus, TenantFigures) {
    auto s = samples(prometheus_text(sample_fleet()));
    EXPECT_EQ(s.at(R"(ctguard_tenant_up{tenant="vps101"})"), "1");
    EXPECT_EQ(s.at(R"(ctguard_conntrack_entries{tenant="vps101"})"), "12000");
    EXPECT_EQ(s.at(R"(ctguard_conntrack_max{tenant="vps101"})"), "29000");
    EXPECT_EQ(s.at(R"(ctguard_conntrack_threshold{tenant="vps101",threshold="suspend"})"), "30000");
    EXPECT_EQ(s.at(R"(ctguard_conntrack_stat_total{tenant="vps101",stat="drop"})"), "7");
    EXPECT_EQ(s.at(R"(ctguard_conntrack_stat_total{tenant="vps101",stat="insert_failed"})"), "3");
    EXPECT_EQ(s.at(R"(ctguard_conntrack_seconds_to_full{tenant="vps101"})"), "812.5");
    EXPECT_EQ(s.at("ctguard_collect_duration_seconds"), "0.25");
    EXPECT_EQ(s.at("ctguard_collect_errors_total"), "4");
    EXPECT_EQ(s.at("ctguard_last_collect_timestamp_seconds"), "1700000000.5");
    // No kernel counters read, no forecast: no series rather than zeros.
    EXPECT_EQ(count_prefix(s, R"(ctguard_conntrack_stat_total{tenant="vps102")"), 0u);
    EXPECT_EQ(count_prefix(s, R"(ctguard_conntrack_seconds_to_full{tenant="vps102")"), 0u);
}

TEST(Prometheus, OneLevelSeriesPerLevelAndOnlyTheCurrentIsOne) {
    auto s = samples(prometheus_text(sample_fleet()));
    EXPECT_EQ(count_prefix(s, R"(ctguard_conntrack_level{tenant="vps101")"), 4u);
    EXPECT_EQ(s.at(R"(ctguard_conntrack_level{tenant="vps101",level="elevated"})"), "1");
    EXPECT_EQ(s.at(R"(ctguard_conntrack_level{tenant="vps101",level="ok"})"), "0");
    EXPECT_EQ(s.at(R"(ctguard_conntrack_level{tenant="vps101",level="capped"})"), "0");
    EXPECT_EQ(s.at(R"(ctguard_conntrack_level{tenant="vps101",level="critical"})"), "0");
    EXPECT_EQ(s.at(R"(ctguard_conntrack_level{tenant="vps102",level="ok"})"), "1");
}

TEST(Prometheus, TopIsBoundedWithAnOtherBucket) {
    auto s = samples(prometheus_text(sample_fleet()));
    EXPECT_EQ(count_prefix(s, R"(ctguard_top_entries{tenant="vps101",by="src")"), 3u);
    EXPECT_EQ(s.at(R"(ctguard_top_entries{tenant="vps101",by="src",key="198.18.0.1"})"), "9000");
    EXPECT_EQ(s.at(R"(ctguard_top_entries{tenant="vps101",by="src",key="198.18.0.2"})"), "2000");
    EXPECT_EQ(s.at(R"(ctguard_top_entries{tenant="vps101",by="src",key="other"})"), "1000");
    EXPECT_EQ(s.at(R"(ctguard_top_groups{tenant="vps101",by="src"})"), "40");
    // Nothing beyond the top-N: "other" is still there, at 0, so the series set stays the same.
    EXPECT_EQ(s.at(R"(ctguard_top_entries{tenant="vps101",by="dport",key="443"})"), "12000");
    EXPECT_EQ(s.at(R"(ctguard_top_entries{tenant="vps101",by="dport",key="other"})"), "0");
}

TEST(Prometheus, TopByTwoKeysJoinsThemInTheLabels) {
    FleetSnapshot f;
    auto t = tenant("host", 5, Level::ok);
    TopResult r;
    r.by = {TopKey::src, TopKey::dport};
    TopRow row;
    row.values.src = *parse_ip("2001:db8::1");
    row.values.dport = 22;
    row.count = 5;
    r.rows.push_back(row);
    t.top.push_back(r);
    f.tenants.push_back(t);
    auto s = samples(prometheus_text(f));
    EXPECT_EQ(s.at(R"(ctguard_top_entries{tenant="host",by="src,dport",key="2001:db8::1,22"})"), "5");
}

TEST(Prometheus, FailedTenantExportsOnlyItsUpSeries) {
    auto s = samples(prometheus_text(sample_fleet()));
    EXPECT_EQ(s.at(R"(ctguard_tenant_up{tenant="vps103"})"), "0");
    size_t series = 0;
    for (const auto& [name, value] : s) series += name.find(R"(tenant="vps103")") != std::string::npos;
    EXPECT_EQ(series, 1u);
}

TEST(Prometheus, SuspiciousProcessesOnlyWhenScanned) {
    FleetSnapshot f = sample_fleet();
    f.suspicious_processes = 2;
    EXPECT_EQ(samples(prometheus_text(f)).count("ctguard_suspicious_processes"), 0u);
    f.processes_scanned = true;
    EXPECT_EQ(samples(prometheus_text(f)).at("ctguard_suspicious_processes"), "2");
}

TEST(Prometheus, SpecialFloatValues) {
    FleetSnapshot f;
    auto t = tenant("host", 1, Level::ok);
    t.seconds_to_full = INFINITY;
    f.tenants.push_back(t);
    f.collect_duration_seconds = 1e-6;
    auto s = samples(prometheus_text(f));
    EXPECT_EQ(s.at(R"(ctguard_conntrack_seconds_to_full{tenant="host"})"), "+Inf");
    EXPECT_EQ(std::stod(s.at("ctguard_collect_duration_seconds")), 1e-6);
}

TEST(Prometheus, KernelLogLinesOnlyWhenTheLogIsFollowed) {
    FleetSnapshot f;
    EXPECT_EQ(prometheus_text(f).find("ctguard_kernel_log_lines_total{"), std::string::npos);
    f.kernel_log_lines = std::map<std::string, uint64_t>{{"table_full", 7}, {"vmalloc", 0}};
    auto s = samples(prometheus_text(f));
    EXPECT_EQ(s.at(R"(ctguard_kernel_log_lines_total{kind="table_full"})"), "7");
    EXPECT_EQ(s.at(R"(ctguard_kernel_log_lines_total{kind="vmalloc"})"), "0");
}
