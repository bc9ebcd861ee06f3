#pragma once
// Deleting conntrack entries over ctnetlink (IPCTNL_MSG_CT_DELETE by tuple), in batches.
#include <cstdint>
#include <vector>

#include "lib/netlink_socket.hpp"
#include "model/flow.hpp"
#include "model/flush_report.hpp"

namespace ctguard {

// What names one entry for the kernel: its original tuple and zone, plus its id so that an entry
// created with the same tuple after we looked is left alone. Small, because flush keeps one per match.
struct CtEntryKey {
    uint8_t family = 0, proto = 0;
    uint16_t zone = 0;
    uint32_t id = 0;
    Tuple orig;

    static CtEntryKey of(const Flow& f) { return {f.family, f.proto, f.zone, f.id, f.orig}; }
};

Result<DeleteSummary> delete_conntrack(NetlinkSocket& sock, const std::vector<CtEntryKey>& keys);

}  // namespace ctguard
