#pragma once
// The connection-tracking table of the current network namespace, read over ctnetlink when the
// kernel lets us and from /proc otherwise (or always, for a --root tree). Callers ask for figures
// or a dump and get told which source served.
#include <cstdint>
#include <optional>

#include "lib/netlink_socket.hpp"
#include "lib/root_dir.hpp"
#include "model/table_stats.hpp"
#include "netfilter/ct_dump.hpp"

namespace ctguard {

class ConntrackTable {
  public:
    // Fails with exit 69 when nf_conntrack is not loaded.
    static Result<ConntrackTable> open(const RootDir& root);

    Source source() const { return netlink_ ? Source::netlink : Source::proc; }
    // O(1) figures: no dump, whatever the table size.
    Result<TableStats> stats();
    Result<uint64_t> count();
    // Streams every entry of `family` (AF_UNSPEC: both) into sink.
    Result<DumpSummary> dump(FlowSink& sink, uint8_t family = 0);
    // The ctnetlink socket, or nullptr when the table is read from /proc.
    NetlinkSocket* netlink() { return netlink_ ? &*netlink_ : nullptr; }
    const RootDir& root() const { return root_; }

  private:
    RootDir root_;
    std::optional<NetlinkSocket> netlink_;
    bool netlink_denied_ = false;  // EPERM from ctnetlink: /proc is then our only hope
};

}  // namespace ctguard
