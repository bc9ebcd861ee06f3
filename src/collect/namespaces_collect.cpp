#include "collect/namespaces_collect.hpp"

#include <algorithm>

#include "analysis/level.hpp"
#include "host/netns_discovery.hpp"
#include "lib/log.hpp"
#include "lib/text.hpp"
#include "netfilter/conntrack_source.hpp"

namespace ctguard {

NamespacesReport collect_namespaces(const RootDir& root, uint64_t host_max, const Thresholds& thresholds) {
    NamespacesReport report;
    for (auto& ns : discover_netns(root)) {
        NamespaceTable t{std::move(ns), std::nullopt, Level::ok, ""};
        auto table = ConntrackSource::open(root, TableAddress{t.ns.path, NetnsId{t.ns.dev, t.ns.inode}});
        auto stats = table ? table->stats() : Result<TableStats>(table.error());
        if (!stats) {
            // Its processes exited, `ip netns del` ran or the name was re-created since discovery.
            if (stats.error().code == Exit::unavailable && stats.error().what.starts_with("netns ")) {
                report.notes.push_back(t.ns.name + ": " + stats.error().why + " (it went away while being read); skipped");
                continue;
            }
            t.note = stats.error().why;
        } else {
            t.stats = *stats;
            // Every namespace's table is held against the one host-wide nf_conntrack_max.
            t.level = classify(stats->count, host_max, thresholds);
        }
        report.namespaces.push_back(std::move(t));
    }
    std::stable_sort(report.namespaces.begin(), report.namespaces.end(), [](const NamespaceTable& a, const NamespaceTable& b) {
        return (a.stats ? a.stats->count : 0) > (b.stats ? b.stats->count : 0);
    });
    return report;
}

void dump_other_namespaces(const RootDir& root, FlowSink& sink,
                           const std::function<void(const NamespaceInfo&)>& before) {
    for (const auto& ns : discover_netns(root)) {
        auto table = ConntrackSource::open(root, TableAddress{ns.path, NetnsId{ns.dev, ns.inode}});
        before(ns);
        auto dump = table ? table->dump(sink) : Result<DumpSummary>(table.error());
        if (!dump) warn_once("namespace " + printable(ns.name) + ": " + dump.error().why + "; skipped");
    }
}

}  // namespace ctguard
