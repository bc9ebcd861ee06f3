#include "netfilter/netns_table.hpp"

#include <optional>

#include "netfilter/ct_stats.hpp"

namespace ctguard {

Result<NetlinkSocket> open_netns_socket(const std::string& path, NetnsId* entered,
                                        const std::optional<NetnsId>& expected) {
    std::optional<NetlinkSocket> sock;
    auto r = run_in_netns(
        path,
        [&]() -> Result<void> {
            auto s = NetlinkSocket::open();
            if (!s) return s.error();
            sock = std::move(*s);
            return {};
        },
        entered, expected);
    if (!r) return r.error();
    return std::move(*sock);
}

Result<NetnsTable> NetnsTable::open(const std::string& path) {
    NetnsId id;
    auto sock = open_netns_socket(path, &id);
    if (!sock) return sock.error();
    // One cheap request now, so a namespace without ctnetlink fails here and not every interval.
    auto probe = netlink_count_max(*sock);
    if (!probe) return probe.error();
    return NetnsTable(path, id, std::move(*sock));
}

NetnsTable::Presence NetnsTable::presence() const {
    auto now = netns_id(path_);
    if (!now) return Presence::gone;
    return *now == id_ ? Presence::same : Presence::replaced;
}

Result<TableStats> NetnsTable::stats() {
    auto cm = netlink_count_max(sock_);
    if (!cm) return cm.error();
    TableStats s;
    s.count = cm->count;
    s.max = cm->max;
    s.source = Source::netlink;
    auto cpu = netlink_cpu_stats(sock_);
    if (cpu) {
        s.stats = *cpu;
        s.have_stats = true;
    }
    return s;
}

}  // namespace ctguard
