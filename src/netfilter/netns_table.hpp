#pragma once
// One tenant namespace's conntrack table, read through a ctnetlink socket opened inside it once:
// counts are O(1) (IPCTNL_MSG_CT_GET_STATS) and need no setns per interval.
#include <optional>
#include <string>

#include "host/netns_thread.hpp"
#include "lib/netlink_socket.hpp"
#include "model/table_stats.hpp"
#include "netfilter/ct_dump.hpp"

namespace ctguard {

// A ctnetlink socket bound to the namespace at `path` (with `expected`, only if it is still that
// namespace); `entered` receives its id. A second socket lets another thread dump the table while
// the first one keeps counting.
Result<NetlinkSocket> open_netns_socket(const std::string& path, NetnsId* entered = nullptr,
                                        const std::optional<NetnsId>& expected = std::nullopt);

class NetnsTable {
  public:
    static Result<NetnsTable> open(const std::string& path);

    enum class Presence { same, gone, replaced };
    // Is `path` still the namespace the socket lives in? Our socket keeps a deleted namespace
    // alive, so only the path tells that it was removed (gone) or re-created (replaced).
    Presence presence() const;
    // count, max (0 when the kernel does not send it) and the per-CPU counters.
    Result<TableStats> stats();
    Result<DumpSummary> dump(FlowSink& sink) { return dump_conntrack(sock_, 0, sink); }
    // Runs fn inside this namespace (never inside a replacement that took over the path).
    Result<void> run_inside(const std::function<Result<void>()>& fn) const {
        return run_in_netns(path_, fn, nullptr, id_);
    }
    const std::string& path() const { return path_; }
    const NetnsId& id() const { return id_; }

  private:
    NetnsTable(std::string path, NetnsId id, NetlinkSocket sock)
        : path_(std::move(path)), id_(id), sock_(std::move(sock)) {}
    std::string path_;
    NetnsId id_;
    NetlinkSocket sock_;
};

}  // namespace ctguard
