#include "netfilter/conntrack_source.hpp"

#include <unistd.h>

#include <cerrno>

#include "host/netns.hpp"
#include "host/proc_stat.hpp"
#include "lib/log.hpp"
#include "netfilter/ct_stats.hpp"
#include "netfilter/proc_conntrack.hpp"
#include "netfilter/sysctl.hpp"

namespace ctguard {

namespace {

constexpr const char* kCountKey = "net/netfilter/nf_conntrack_count";

Error not_loaded() {
    return Error::unavailable(
        "conntrack", "nf_conntrack is not loaded",
        "load it with 'modprobe nf_conntrack' (any firewall rule using ct state loads it too)");
}

// A ctnetlink socket bound to the namespace at `path` (with `expected`, only if it is still that
// namespace); `entered` receives its id.
Result<NetlinkSocket> open_netns_socket(const std::string& path, NetnsId& entered,
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
        &entered, expected);
    if (!r) return r.error();
    return std::move(*sock);
}

}  // namespace

TableAddress tenant_table(const TenantSpec& tenant, const RootDir& root) {
    if (tenant.kind != TenantKind::netns) return {};
    return TableAddress{netns_path(root, tenant.netns), std::nullopt};
}

Result<ConntrackSource> ConntrackSource::open(const RootDir& root, const TableAddress& where) {
    ConntrackSource t;
    t.root_ = root;
    t.address_ = where;
    if (!t.own_namespace()) {
        NetnsId entered;
        auto sock = open_netns_socket(where.netns, entered, where.id);
        if (!sock) return sock.error();
        // One cheap request now, so a namespace without ctnetlink fails here and not at every read.
        if (auto probe = netlink_count_max(*sock); !probe) return probe.error();
        t.address_.id = entered;
        t.netlink_ = std::move(*sock);
        return t;
    }
    if (::access(sysctl_path(root, kCountKey).c_str(), F_OK) != 0) return not_loaded();
    if (!root.live()) return t;  // a --root tree is read from its files only

    auto sock = NetlinkSocket::open();
    if (!sock) {
        warn_once("ctnetlink unavailable (" + sock.error().why + "); reading /proc instead");
        return t;
    }
    // One cheap request tells whether ctnetlink answers us at all.
    auto probe = netlink_count_max(*sock);
    if (probe) {
        t.netlink_ = std::move(*sock);
    } else if (probe.error().code == Exit::noperm) {
        t.netlink_denied_ = true;
    } else {
        warn_once("ctnetlink unavailable (" + probe.error().why + "); reading /proc instead");
    }
    return t;
}

Result<uint64_t> ConntrackSource::count() {
    if (netlink_) {
        auto cm = netlink_count_max(*netlink_);
        if (!cm) return cm.error();
        return cm->count;
    }
    return read_sysctl_u64(root_, kCountKey);
}

Result<TableStats> ConntrackSource::stats() {
    TableStats s;
    s.source = source();
    if (netlink_) {
        auto cm = netlink_count_max(*netlink_);
        if (!cm) return cm.error();
        s.count = cm->count;
        s.max = cm->max;
        auto cpu = netlink_cpu_stats(*netlink_);
        if (cpu) {
            s.stats = *cpu;
            s.have_stats = true;
        }
    } else {
        auto count = read_sysctl_u64(root_, kCountKey);
        if (!count) return count.error();
        s.count = *count;
        auto cpu = read_proc_stat(root_.path("/proc/net/stat/nf_conntrack"));
        if (cpu) {
            s.stats = *cpu;
            s.have_stats = true;
        }
    }
    if (!own_namespace()) return s;  // /proc/sys would show the caller's namespace
    // Older kernels do not send the max over netlink; the sysctl always has it.
    if (s.max == 0) {
        auto max = read_sysctl_u64(root_, "net/netfilter/nf_conntrack_max");
        if (!max) return max.error();
        s.max = *max;
    }
    auto buckets = read_sysctl_u64(root_, "net/netfilter/nf_conntrack_buckets");
    if (buckets) s.buckets = *buckets;
    return s;
}

Result<DumpSummary> ConntrackSource::dump(FlowSink& sink, uint8_t family) {
    if (netlink_) {
        auto r = dump_conntrack(*netlink_, family, sink);
        if (r && r->malformed > 0) {
            warn_once("conntrack dump: skipped " + std::to_string(r->malformed) +
                      " malformed netlink message(s)");
        }
        return r;
    }

    std::string path = root_.path("/proc/net/nf_conntrack");
    auto r = read_proc_conntrack(path, family, sink);
    if (!r) {
        if (r.error().code == Exit::noperm || netlink_denied_) {
            return Error{Exit::noperm, "conntrack table", "permission denied",
                         "reading connection entries needs root (CAP_NET_ADMIN)"};
        }
        if (r.error().code == Exit::unavailable) {
            return Error::unavailable(
                "conntrack table", "neither ctnetlink nor " + path + " is available",
                "load nf_conntrack_netlink, or build the kernel with CONFIG_NF_CONNTRACK_PROCFS");
        }
        return r.error();
    }
    if (r->malformed > 0) {
        warn_once(path + ": skipped " + std::to_string(r->malformed) + " malformed line(s), first at line " +
                  std::to_string(r->first_bad_line));
    }
    return DumpSummary{r->entries, r->malformed};
}

ConntrackSource::Presence ConntrackSource::presence() const {
    if (own_namespace()) return Presence::same;
    auto now = netns_id(address_.netns);
    if (!now) return Presence::gone;
    if (*now == address_.id) return Presence::same;
    // A plain file where the namespace was: `ip netns del` between its unmount and its unlink.
    return is_namespace_file(address_.netns) ? Presence::replaced : Presence::gone;
}

Result<void> ConntrackSource::run_inside(const std::function<Result<void>()>& fn) const {
    if (own_namespace()) return fn();
    return run_in_netns(address_.netns, fn, nullptr, address_.id);
}

}  // namespace ctguard
