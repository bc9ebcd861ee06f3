#pragma once
// Where a dump delivers its entries, one at a time, so nobody has to hold the whole table.
#include <initializer_list>
#include <vector>

#include "model/flow.hpp"

namespace ctguard {

class FlowSink {
public:
    virtual ~FlowSink() = default;
    // `flow` is only valid during the call: the reader reuses it for the next entry.
    virtual void on_flow(const Flow& flow) = 0;
};

}  // namespace ctguard

namespace ctguard {

// Feeds one dump to several consumers (one pass over the table for many questions).
class FanOutSink : public FlowSink {
public:
    explicit FanOutSink(std::initializer_list<FlowSink*> sinks) : sinks_(sinks) {}
    void on_flow(const Flow& flow) override {
        for (FlowSink* s : sinks_) s->on_flow(flow);
    }

private:
    std::vector<FlowSink*> sinks_;
};

}  // namespace ctguard
