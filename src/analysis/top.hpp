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

namespace ctguard {

// Every key once: two addresses (17 bytes each), two ports (3), proto, state, zone (2), mark (4), process
// (4).
using PackedBytes = std::array<uint8_t, 52>;

enum class TopKey : uint8_t { src, dst, sport, dport, proto, state, zone, mark, process };

std::optional<TopKey> parse_top_key(std::string_view name);
std::string_view top_key_name(TopKey key);

// The values of one group, for the keys it was grouped by (others stay default).
struct GroupValues {
    IpAddr src, dst;
    std::optional<uint16_t> sport, dport;  // nullopt for protocols without ports
    uint8_t proto = 0;
    uint8_t state_id = 0;  // state_name_by_id(); 0 for protocols without state
    uint16_t zone = 0;
    uint32_t mark = 0;
    std::string process;  // the owner's label, e.g. "nginx[1234]", "(forwarded)", "(no socket)"
};

// For TopKey::process: a small id for the owner of an entry, and the label shown for an id.
struct ProcessKeyFns {
    std::function<uint32_t(const Flow&)> id;
    std::function<std::string(uint32_t)> label;
};

struct TopRow {
    GroupValues values;
    uint64_t count = 0;
};

struct TopResult {
    std::vector<TopKey> by;
    uint64_t total = 0;        // entries that passed the filter
    uint64_t groups = 0;       // distinct groups
    std::vector<TopRow> rows;  // largest first, at most n
    uint64_t other = 0;        // entries in groups beyond the first n
};

class TopAggregator : public FlowSink {
  public:
    TopAggregator(std::vector<TopKey> by, Filter filter, ProcessKeyFns process = {});
    void on_flow(const Flow& flow) override;
    uint32_t parts() const override;
    TopResult result(size_t n) const;
    uint64_t total() const { return total_; }

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
    bool filtered_;
    uint64_t total_ = 0;
    std::unordered_map<PackedKey, uint64_t, KeyHash> counts_;
};

}  // namespace ctguard
