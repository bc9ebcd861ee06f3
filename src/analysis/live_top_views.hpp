#pragma once
// Standing `top` answers over a live table's entries: the aggregates of the last few questions
// (keys and filter), kept current by every change of the entries, so asking again costs a sort of
// the groups instead of a replay of every entry (262,144 of them: tens of milliseconds).
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "analysis/live_entries.hpp"
#include "analysis/top.hpp"

namespace ctguard {

class LiveTopViews {
  public:
    static constexpr size_t kMaxViews = 8;
    // A question with more groups than this is answered by a replay each time: a view of it would
    // hold about as much memory as the entries themselves.
    static constexpr uint64_t kMaxGroups = 65536;

    explicit LiveTopViews(LiveEntries& entries) : entries_(entries) {}
    ~LiveTopViews();
    LiveTopViews(const LiveTopViews&) = delete;
    LiveTopViews& operator=(const LiveTopViews&) = delete;

    // The largest n groups of the entries by `by` that pass `filter`; `key` names the question (equal
    // keys must mean equal questions). The least recently asked view makes room for a new one.
    TopResult top(const std::string& key, const std::vector<TopKey>& by, const Filter& filter, size_t n);
    size_t size() const { return views_.size(); }

  private:
    struct View : LiveEntries::Observer {
        View(const std::vector<TopKey>& by, const Filter& filter) : top(by, filter) {}
        void added(const Flow& f) override { top.on_flow(f); }
        void removed(const Flow& f) override { top.remove_flow(f); }
        TopAggregator top;
        uint64_t used = 0;
    };

    LiveEntries& entries_;
    uint64_t generation_ = 0;  // the entries' generation the views were built in
    uint64_t clock_ = 0;
    std::map<std::string, std::unique_ptr<View>> views_;
};

}  // namespace ctguard
