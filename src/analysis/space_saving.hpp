#pragma once
// The heaviest keys of an unbounded stream in bounded memory (Metwally et al., "space-saving"):
// `capacity` counters, whatever the number of distinct keys. A key new to a full sketch takes the
// smallest counter over, with that count as its possible overcount (`error`). So a key's count is
// never under its true count and at most `error` above it, and every key with more than
// total/capacity occurrences is kept. Used where an attacker picks the keys (watch's sources of new
// entries): an exact map would grow with every spoofed address.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <unordered_map>
#include <utility>
#include <vector>

namespace ctguard {

template <class Key, class Hash = std::hash<Key>>
class SpaceSaving {
  public:
    struct Counter {
        Key key;
        uint64_t count = 0;
        uint64_t error = 0;  // count - error <= the key's true count <= count
    };

    explicit SpaceSaving(size_t capacity) : capacity_(std::max<size_t>(capacity, 1)) {
        heap_.reserve(capacity_);
        at_.reserve(capacity_);
    }

    void add(const Key& key) {
        ++total_;
        if (auto it = at_.find(key); it != at_.end()) {
            ++heap_[it->second].count;
            sift_down(it->second);
            return;
        }
        if (heap_.size() < capacity_) {
            heap_.push_back(Counter{key, 1, 0});
            at_.emplace(key, heap_.size() - 1);
            sift_up(heap_.size() - 1);
            return;
        }
        // The smallest counter (the heap's root) goes to the new key.
        Counter& min = heap_.front();
        at_.erase(min.key);
        min = Counter{key, min.count + 1, min.count};
        at_.emplace(key, 0);
        sift_down(0);
    }

    // The `n` largest counters, largest first (ties: the smaller error first).
    std::vector<Counter> top(size_t n) const {
        std::vector<Counter> out = heap_;
        std::sort(out.begin(), out.end(), [](const Counter& a, const Counter& b) {
            return a.count != b.count ? a.count > b.count : a.error < b.error;
        });
        if (out.size() > n) out.resize(n);
        return out;
    }
    uint64_t total() const { return total_; }
    size_t size() const { return heap_.size(); }
    void clear() {
        heap_.clear();
        at_.clear();
        total_ = 0;
    }

  private:
    // A min-heap on count; at_ follows every move. Counts only grow, so a counter only sinks.
    void swap_at(size_t a, size_t b) {
        std::swap(heap_[a], heap_[b]);
        at_[heap_[a].key] = a;
        at_[heap_[b].key] = b;
    }
    void sift_down(size_t i) {
        while (true) {
            size_t smallest = i;
            for (size_t c : {2 * i + 1, 2 * i + 2}) {
                if (c < heap_.size() && heap_[c].count < heap_[smallest].count) smallest = c;
            }
            if (smallest == i) return;
            swap_at(i, smallest);
            i = smallest;
        }
    }
    void sift_up(size_t i) {
        while (i > 0 && heap_[i].count < heap_[(i - 1) / 2].count) {
            swap_at(i, (i - 1) / 2);
            i = (i - 1) / 2;
        }
    }

    size_t capacity_;
    std::vector<Counter> heap_;
    std::unordered_map<Key, size_t, Hash> at_;
    uint64_t total_ = 0;
};

}  // namespace ctguard
