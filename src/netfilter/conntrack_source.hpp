#pragma once
// One connection-tracking table, whichever namespace it is in; the commands, the daemon loop and its
// evidence threads all read tables through this type.
//  - The calling thread's namespace (the commands enter --netns first; the daemon's host): read over
//    ctnetlink when the kernel lets us and from /proc otherwise (or always, for a --root tree).
//  - Another namespace (a daemon tenant): read through a ctnetlink socket opened inside it once, so
//    counting needs no setns per interval. /proc would show the caller's namespace: no fallback.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "host/netns_thread.hpp"
#include "lib/netlink_socket.hpp"
#include "lib/root_dir.hpp"
#include "model/daemon_config.hpp"
#include "model/table_stats.hpp"
#include "netfilter/ct_dump.hpp"

namespace ctguard {

// Where a table is. An open source knows its own (with the namespace's id), so another thread can
// open a second socket on exactly that namespace and dump while the first one keeps counting.
struct TableAddress {
    std::string netns;          // the namespace's path; "": the calling thread's namespace
    std::optional<NetnsId> id;  // with netns: only while the path still is this namespace
};

// The table a tenant's entries are in: its own namespace's, or (host, zone, mark and CIDR tenants)
// the daemon's.
TableAddress tenant_table(const TenantSpec& tenant, const RootDir& root);

class ConntrackSource {
  public:
    // Fails with exit 69 when nf_conntrack is not loaded, or when the namespace cannot be entered
    // or has no ctnetlink (checked now with one cheap request, not at every read).
    static Result<ConntrackSource> open(const RootDir& root, const TableAddress& where = {});

    Source source() const { return netlink_ ? Source::netlink : Source::proc; }
    // O(1) figures: no dump, whatever the table size. Another namespace's max is 0 when the kernel
    // does not send it, and it has no buckets: /proc/sys would show the caller's namespace.
    Result<TableStats> stats();
    Result<uint64_t> count();
    // Streams every entry of `family` (AF_UNSPEC: both) into sink.
    Result<DumpSummary> dump(FlowSink& sink, uint8_t family = 0);
    // The ctnetlink socket, or nullptr when the table is read from /proc.
    NetlinkSocket* netlink() { return netlink_ ? &*netlink_ : nullptr; }

    enum class Presence { same, gone, replaced };
    // Is the path still the namespace the socket lives in? Our socket keeps a deleted namespace
    // alive, so only the path tells that it was removed (gone; a plain file there, mid `ip netns del`,
    // is gone too) or re-created (replaced). The calling thread's namespace is always the same.
    Presence presence() const;
    // Runs fn inside the table's namespace (never inside a replacement that took over the path).
    Result<void> run_inside(const std::function<Result<void>()>& fn) const;
    const TableAddress& address() const { return address_; }

  private:
    bool own_namespace() const { return address_.netns.empty(); }

    RootDir root_;
    TableAddress address_;
    std::optional<NetlinkSocket> netlink_;
    bool netlink_denied_ = false;  // EPERM from ctnetlink: /proc is then our only hope
};

}  // namespace ctguard
