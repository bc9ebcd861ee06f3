#include "netfilter/ct_stats.hpp"

#include <linux/netfilter/nfnetlink.h>
#include <linux/netfilter/nfnetlink_conntrack.h>
#include <sys/socket.h>

namespace ctguard {

namespace {

struct StatsMinSizes {
    uint8_t global[CTA_STATS_GLOBAL_MAX + 1]{};
    uint8_t cpu[CTA_STATS_MAX + 1]{};
    constexpr StatsMinSizes() {
        global[CTA_STATS_GLOBAL_ENTRIES] = 4;
        global[CTA_STATS_GLOBAL_MAX_ENTRIES] = 4;
        for (auto& m : cpu) m = 4;
        cpu[CTA_STATS_UNSPEC] = 0;
    }
};
constexpr StatsMinSizes kStatsMin;

constexpr size_t kHeader = NLMSG_HDRLEN + NLMSG_ALIGN(sizeof(nfgenmsg));

const void* payload(const nlmsghdr* nlh) {
    return reinterpret_cast<const char*>(nlh) + kHeader;
}
size_t payload_len(const nlmsghdr* nlh) {
    return nlh->nlmsg_len - kHeader;
}

}  // namespace

Result<CountMax> netlink_count_max(NetlinkSocket& sock) {
    CountMax out;
    bool got = false;
    // Not a dump: the ACK ends the exchange.
    nlmsghdr* req =
        sock.begin_request((NFNL_SUBSYS_CTNETLINK << 8) | IPCTNL_MSG_CT_GET_STATS, NLM_F_ACK, AF_UNSPEC);
    auto r = sock.transact(
        req,
        [&](const nlmsghdr* nlh) {
            if (nlh->nlmsg_len < kHeader) return true;
            const nlattr* tb[CTA_STATS_GLOBAL_MAX + 1];
            if (!index_attributes(payload(nlh), payload_len(nlh), tb, CTA_STATS_GLOBAL_MAX, kStatsMin.global))
                return true;
            if (tb[CTA_STATS_GLOBAL_ENTRIES]) {
                out.count = attr_be32(tb[CTA_STATS_GLOBAL_ENTRIES]);
                got = true;
            }
            if (tb[CTA_STATS_GLOBAL_MAX_ENTRIES]) out.max = attr_be32(tb[CTA_STATS_GLOBAL_MAX_ENTRIES]);
            return true;
        },
        "conntrack statistics");
    if (!r) return r.error();
    if (!got) return Error::unavailable("conntrack statistics", "the kernel sent no entry count");
    return out;
}

Result<CpuStats> netlink_cpu_stats(NetlinkSocket& sock) {
    CpuStats s;
    nlmsghdr* req =
        sock.begin_request((NFNL_SUBSYS_CTNETLINK << 8) | IPCTNL_MSG_CT_GET_STATS_CPU, NLM_F_DUMP, AF_UNSPEC);
    auto r = sock.transact(
        req,
        [&](const nlmsghdr* nlh) {
            if (nlh->nlmsg_len < kHeader) return true;
            const nlattr* tb[CTA_STATS_MAX + 1];
            if (!index_attributes(payload(nlh), payload_len(nlh), tb, CTA_STATS_MAX, kStatsMin.cpu)) return true;
            auto add = [&](uint64_t& field, int type) {
                if (tb[type]) field += attr_be32(tb[type]);
            };
            add(s.found, CTA_STATS_FOUND);
            add(s.invalid, CTA_STATS_INVALID);
            add(s.insert, CTA_STATS_INSERT);
            add(s.insert_failed, CTA_STATS_INSERT_FAILED);
            add(s.drop, CTA_STATS_DROP);
            add(s.early_drop, CTA_STATS_EARLY_DROP);
            add(s.error, CTA_STATS_ERROR);
            add(s.search_restart, CTA_STATS_SEARCH_RESTART);
            add(s.clash_resolve, CTA_STATS_CLASH_RESOLVE);
            add(s.chain_toolong, CTA_STATS_CHAIN_TOOLONG);
            ++s.cpus;
            return true;
        },
        "conntrack per-CPU statistics");
    if (!r) return r.error();
    return s;
}

}  // namespace ctguard
