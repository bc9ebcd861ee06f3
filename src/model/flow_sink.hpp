#pragma once
// Where a dump delivers its entries, one at a time, so nobody has to hold the whole table.
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <vector>

#include "lib/result.hpp"
#include "model/flow.hpp"

namespace ctguard {

// The parts of a Flow beyond the original tuple and the scalar fields (status, timeout, mark, zone,
// id, use), which are always filled. A reader skips decoding the parts no consumer reads: on a
// full table that is most of the parsing work. Skipped parts are left empty (reply tuple zero,
// state kNoState, counters zero), never stale.
enum FlowPart : uint32_t {
    kFlowReply = 1u << 0,
    kFlowState = 1u << 1,
    kFlowCounters = 1u << 2,
    kFlowAll = kFlowReply | kFlowState | kFlowCounters,
};

class FlowSink {
  public:
    virtual ~FlowSink() = default;
    // `flow` is only valid during the call: the reader reuses it for the next entry.
    virtual void on_flow(const Flow& flow) = 0;
    // The FlowParts on_flow() reads; asked once, before the first entry.
    virtual uint32_t parts() const { return kFlowAll; }
};

// Feeds one dump to several consumers (one pass over the table for many questions).
class FanOutSink : public FlowSink {
  public:
    explicit FanOutSink(std::initializer_list<FlowSink*> sinks) : sinks_(sinks) {}
    void on_flow(const Flow& flow) override {
        for (FlowSink* s : sinks_) s->on_flow(flow);
    }
    uint32_t parts() const override {
        uint32_t p = 0;
        for (const FlowSink* s : sinks_) p |= s->parts();
        return p;
    }

  private:
    std::vector<FlowSink*> sinks_;
};

// Feeds a table's entries to a sink, one pass per call: a kernel dump, or a copy of the entries (the
// daemon's live table).
using FlowSource = std::function<Result<void>(FlowSink&)>;

}  // namespace ctguard
