#pragma once
// Streaming group-by over entries: one pass, memory grows with the number of groups, not entries.
#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "model/filter.hpp"
#include "model/flow_sink.hpp"
#include "model/top.hpp"

namespace ctguard {

// Every key once: two addresses (17 bytes each), two ports (3), proto, state, zone (2), mark (4), process
// (4), netns (4).
using PackedBytes = std::array<uint8_t, 56>;

// For TopKey::process: a small id for the owner of an entry, and the label shown for an id.
struct ProcessKeyFns {
    std::function<uint32_t(const Flow&)> id;
    std::function<std::string(uint32_t)> label;
};

class TopAggregator : public FlowSink {
  public:
    TopAggregator(std::vector<TopKey> by, Filter filter, ProcessKeyFns process = {});
    void on_flow(const Flow& flow) override;
    // Takes back an entry on_flow() counted (a standing view over a live table, when the entry goes).
    void remove_flow(const Flow& flow);
    uint32_t parts() const override;
    uint64_t group_count() const { return counts_.size(); }
    TopResult result(size_t n) const;
    uint64_t total() const { return total_; }
    // top --all-netns: the entries that follow are namespace `name`'s (TopKey::netns groups by it).
    void set_netns(std::string name);

  private:
    // Group keys are packed into a fixed byte array: no allocation per entry.
    struct PackedKey {
        PackedBytes bytes{};
        uint8_t len = 0;
        bool operator==(const PackedKey& o) const;
    };
    struct KeyHash {
        size_t operator()(const PackedKey& k) const;
    };
    PackedKey pack(const Flow& flow) const;
    GroupValues unpack(const PackedKey& key) const;

    std::vector<TopKey> by_;
    Filter filter_;
    ProcessKeyFns process_;
    std::vector<std::string> netns_names_{"host"};  // index: the netns key's value
    bool filtered_;
    uint64_t total_ = 0;
    std::unordered_map<PackedKey, uint64_t, KeyHash> counts_;
};

}  // namespace ctguard
