#pragma once
// The entries of one conntrack table, held in memory and kept current from one dump and then the
// table's events (collect/live_table.hpp does the I/O). Pure: no clock, no sockets.
//
// An entry is told apart the way the kernel does: by its original tuple, protocol and zone (the
// kernel refuses a second entry with the same). Each one keeps what `top`'s keys and filters read:
// both tuples, protocol, state, status, mark, zone and id; not the counters, the timeout or the use
// count, which change without events. An entry costs 104 bytes in a dense array plus 4 to 16 bytes
// of open-addressing index (bench/live.sh measures 262,144 entries).
//
// Replaying the entries into a FlowSink (a TopAggregator, a FanOutSink) gives the groups a fresh
// dump would, for sinks whose parts() are within kParts.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "model/flow_sink.hpp"

namespace ctguard {

class LiveEntries : public FlowSink {
  public:
    // Told of every change, so an aggregate over the entries stays current without a replay. An
    // update is a removal of the old entry and an addition of the new one.
    class Observer {
      public:
        virtual ~Observer() = default;
        virtual void added(const Flow& flow) = 0;
        virtual void removed(const Flow& flow) = 0;
    };

    // The parts of the Flows replay() delivers. Counters are always zero and timeout/use stale.
    static constexpr uint32_t kParts = kFlowReply | kFlowState;

    // A dump's entry (this is a FlowSink a dump can fill) or a created event: added, or replacing the
    // entry with the same tuple.
    void on_flow(const Flow& flow) override { add(flow); }
    uint32_t parts() const override { return kParts; }
    void add(const Flow& flow);
    // An update event: the entry's new status, mark and reply tuple, and its state when the message
    // carries one (the kernel sends the state only when it changed). An entry we do not hold is added.
    void update(const Flow& flow);
    // A destroyed event. The entry stays when its id says it is a newer one with the same tuple (a
    // late event about its predecessor). Returns whether an entry was removed.
    bool remove(const Flow& flow);
    // Empties the set and forgets every observer (what they counted no longer holds).
    void clear();
    // Bumped by clear(): an observer registered in an earlier generation was forgotten.
    uint64_t generation() const { return generation_; }
    void observe(Observer* o) { observers_.push_back(o); }
    void forget(Observer* o);

    size_t size() const { return entries_.size(); }
    // Every entry into sink, in no particular order.
    void replay(FlowSink& sink) const;
    // Bytes held by the entries and their index (capacity, not size).
    size_t memory_bytes() const;

  private:
    struct Entry {
        Tuple orig, reply;
        uint32_t id = 0, status = 0, mark = 0;
        uint16_t zone = 0;
        uint8_t family = 0, proto = 0, state = kNoState;
    };
    static constexpr uint32_t kEmpty = UINT32_MAX;

    static Entry entry_of(const Flow& f);
    static void fill_flow(const Entry& e, Flow& f);
    static bool same_key(const Entry& e, const Flow& f);
    static size_t key_hash(const Tuple& orig, uint8_t proto, uint16_t zone);
    size_t home(const Entry& e) const;
    // The slot holding the entry with flow's key, or the empty slot where it would go.
    size_t find_slot(const Flow& f) const;
    size_t slot_of_index(uint32_t index) const;
    void erase_slot(size_t slot);
    void rehash(size_t capacity);

    void tell_added(const Entry& e);
    void tell_removed(const Entry& e);

    std::vector<Observer*> observers_;
    uint64_t generation_ = 0;
    std::vector<Entry> entries_;   // dense: replay walks memory in order
    std::vector<uint32_t> slots_;  // linear probing over indexes into entries_; size a power of two
};

}  // namespace ctguard
