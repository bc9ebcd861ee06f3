#pragma once
// Conntrack event subscription (the NFNLGRP_CONNTRACK_NEW and _DESTROY multicast groups, and
// _UPDATE for callers that follow state, status and mark changes).
#include <cstdint>
#include <memory>

#include "lib/netlink_socket.hpp"
#include "model/flow.hpp"

namespace ctguard {

// An update is an IPCTNL_MSG_CT_NEW without NLM_F_CREATE: a change of state, status or mark. Its
// message carries the protocol state only when the state changed (Flow::state is kNoState otherwise).
enum class CtEventType { created, updated, destroyed };

class EventSink {
  public:
    virtual ~EventSink() = default;
    // `flow` is only valid during the call.
    virtual void on_event(CtEventType type, const Flow& flow) = 0;
};

struct EventBatch {
    uint64_t events = 0;
    uint64_t malformed = 0;
    // The kernel dropped events because our queue was full (ENOBUFS). Totals after an overrun are
    // short; callers re-read the table count to stay exact.
    bool overrun = false;
};

class EventListener {
  public:
    // A non-blocking subscriber with a receive queue of `queue_bytes` (big queues ride out bursts);
    // with `updates`, update events come too.
    static Result<EventListener> open(int queue_bytes, bool updates = false);

    int fd() const { return sock_.fd(); }
    // Reads what is queued right now, up to about `limit` events (the batch of datagrams that
    // reaches it is read whole), and returns; never blocks. Poll fd() to wait. Under a flood the
    // queue never empties: the limit is how a caller gets its time back.
    Result<EventBatch> drain(EventSink& sink, uint64_t limit);

    // The kernel sends one event per datagram, and at thousands a second a receive call each was
    // most of the daemon's CPU (a system call costs microseconds on a VM): recvmmsg takes up to
    // kBatch at once. An event is a few hundred bytes; a datagram over kSlot counts as malformed.
    static constexpr size_t kBatch = 64;
    static constexpr size_t kSlot = 8192;

  private:
    explicit EventListener(NetlinkSocket s) : sock_(std::move(s)), slots_(new char[kBatch * kSlot]) {}
    NetlinkSocket sock_;
    std::unique_ptr<char[]> slots_;
};

}  // namespace ctguard
