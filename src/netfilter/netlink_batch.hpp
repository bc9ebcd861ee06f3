#pragma once
// Many netfilter requests in one send, answered together: the kernel sends an error message for each
// request it refuses and an ack for the last one (flagged NLM_F_ACK), which marks the batch's end.
// Used by flush (IPCTNL_MSG_CT_DELETE) and the test fixture (IPCTNL_MSG_CT_NEW).
#include <linux/netlink.h>

#include <cstdint>
#include <map>
#include <vector>

#include "lib/netlink_socket.hpp"

namespace ctguard {

struct BatchResult {
    uint64_t sent = 0;
    std::map<int, uint64_t> refused;  // errno -> requests the kernel refused with it

    uint64_t refused_total() const {
        uint64_t n = 0;
        for (const auto& [err, count] : refused) n += count;
        return n;
    }
};

class NetlinkBatch {
  public:
    // Largest request a caller may build after add(); conntrack messages stay far below it.
    static constexpr size_t kMaxRequest = 512;

    explicit NetlinkBatch(NetlinkSocket& sock);

    bool full() const { return used_ + kMaxRequest > buf_.size(); }
    bool empty() const { return count_ == 0; }
    // Starts a request (call only when !full()); the caller appends its attributes to the header.
    nlmsghdr* add(uint16_t subsys_msg, uint16_t flags, uint8_t family);
    // Sends what was added, waits for the kernel's answers, adds them to `result`, empties the batch.
    Result<void> send(BatchResult& result, const char* what);

  private:
    void close_last();

    NetlinkSocket& sock_;
    std::vector<char> buf_;
    size_t used_ = 0;
    uint64_t count_ = 0;
    nlmsghdr* last_ = nullptr;
    uint32_t seq_ = 0;
};

}  // namespace ctguard
