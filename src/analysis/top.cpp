#include "analysis/top.hpp"

#include <algorithm>
#include <cstring>

#include "analysis/filter_match.hpp"
#include "lib/hash.hpp"

namespace ctguard {

namespace {

void put(PackedBytes& b, uint8_t& len, const void* p, size_t n) {
    std::memcpy(b.data() + len, p, n);
    len = static_cast<uint8_t>(len + n);
}

void put_addr(PackedBytes& b, uint8_t& len, const IpAddr& a) {
    b[len++] = a.family;
    put(b, len, a.bytes.data(), 16);
}

template <class T>
T take(const PackedBytes& b, size_t& pos) {
    T v;
    std::memcpy(&v, b.data() + pos, sizeof v);
    pos += sizeof v;
    return v;
}

}  // namespace

bool TopAggregator::PackedKey::operator==(const PackedKey& o) const {
    return len == o.len && std::memcmp(bytes.data(), o.bytes.data(), len) == 0;
}

size_t TopAggregator::KeyHash::operator()(const PackedKey& k) const {
    return hash_bytes(k.bytes.data(), k.len);
}

TopAggregator::TopAggregator(std::vector<TopKey> by, Filter filter, ProcessKeyFns process)
    : by_(std::move(by)),
      filter_(std::move(filter)),
      process_(std::move(process)),
      filtered_(!filter_.empty()) {}

uint32_t TopAggregator::parts() const {
    // Grouping by process asks the attribution, which matches reply tuples too.
    if (std::find(by_.begin(), by_.end(), TopKey::process) != by_.end()) return kFlowAll;
    uint32_t p = parts_needed(filter_);
    if (std::find(by_.begin(), by_.end(), TopKey::state) != by_.end()) p |= kFlowState;
    return p;
}

TopAggregator::PackedKey TopAggregator::pack(const Flow& f) const {
    PackedKey k;
    for (TopKey key : by_) {
        switch (key) {
            case TopKey::src:
                put_addr(k.bytes, k.len, f.orig.src);
                break;
            case TopKey::dst:
                put_addr(k.bytes, k.len, f.orig.dst);
                break;
            case TopKey::sport:
            case TopKey::dport: {
                uint8_t has = f.has_ports();
                uint16_t port = !has ? 0 : key == TopKey::sport ? f.orig.sport : f.orig.dport;
                k.bytes[k.len++] = has;
                put(k.bytes, k.len, &port, 2);
                break;
            }
            case TopKey::proto:
                k.bytes[k.len++] = f.proto;
                break;
            case TopKey::state:
                k.bytes[k.len++] = state_name_id(f.proto, f.state);
                break;
            case TopKey::zone:
                put(k.bytes, k.len, &f.zone, 2);
                break;
            case TopKey::mark:
                put(k.bytes, k.len, &f.mark, 4);
                break;
            case TopKey::process: {
                uint32_t id = process_.id ? process_.id(f) : 0;
                put(k.bytes, k.len, &id, 4);
                break;
            }
            case TopKey::netns: {
                const auto id = static_cast<uint32_t>(netns_names_.size() - 1);
                put(k.bytes, k.len, &id, 4);
                break;
            }
        }
    }
    return k;
}

GroupValues TopAggregator::unpack(const PackedKey& k) const {
    GroupValues v;
    size_t pos = 0;
    auto take_addr = [&](IpAddr& a) {
        a.family = k.bytes[pos++];
        std::memcpy(a.bytes.data(), k.bytes.data() + pos, 16);
        pos += 16;
    };
    for (TopKey key : by_) {
        switch (key) {
            case TopKey::src:
                take_addr(v.src);
                break;
            case TopKey::dst:
                take_addr(v.dst);
                break;
            case TopKey::sport:
            case TopKey::dport: {
                bool has = k.bytes[pos++] != 0;
                auto port = take<uint16_t>(k.bytes, pos);
                (key == TopKey::sport ? v.sport : v.dport) =
                    has ? std::optional<uint16_t>(port) : std::nullopt;
                break;
            }
            case TopKey::proto:
                v.proto = k.bytes[pos++];
                break;
            case TopKey::state:
                v.state_id = k.bytes[pos++];
                break;
            case TopKey::zone:
                v.zone = take<uint16_t>(k.bytes, pos);
                break;
            case TopKey::mark:
                v.mark = take<uint32_t>(k.bytes, pos);
                break;
            case TopKey::process: {
                auto id = take<uint32_t>(k.bytes, pos);
                v.process = process_.label ? process_.label(id) : std::to_string(id);
                break;
            }
            case TopKey::netns:
                v.netns = netns_names_.at(take<uint32_t>(k.bytes, pos));
                break;
        }
    }
    return v;
}

void TopAggregator::set_netns(std::string name) {
    netns_names_.push_back(std::move(name));
}

void TopAggregator::on_flow(const Flow& flow) {
    if (filtered_ && !matches(filter_, flow)) return;
    ++total_;
    ++counts_[pack(flow)];
}

void TopAggregator::remove_flow(const Flow& flow) {
    if (filtered_ && !matches(filter_, flow)) return;
    auto it = counts_.find(pack(flow));
    if (it == counts_.end()) return;
    --total_;
    if (--it->second == 0) counts_.erase(it);
}

TopResult TopAggregator::result(size_t n) const {
    TopResult r;
    r.by = by_;
    r.total = total_;
    r.groups = counts_.size();
    std::vector<std::pair<const PackedKey*, uint64_t>> all;
    all.reserve(counts_.size());
    for (const auto& [k, c] : counts_) all.emplace_back(&k, c);
    size_t keep = std::min(n, all.size());
    // Ties broken by key bytes so the output is stable from run to run.
    auto larger = [](const auto& a, const auto& b) {
        if (a.second != b.second) return a.second > b.second;
        return std::lexicographical_compare(a.first->bytes.begin(), a.first->bytes.begin() + a.first->len,
                                            b.first->bytes.begin(), b.first->bytes.begin() + b.first->len);
    };
    std::partial_sort(all.begin(), all.begin() + static_cast<long>(keep), all.end(), larger);
    for (size_t i = 0; i < keep; ++i) r.rows.push_back({unpack(*all[i].first), all[i].second});
    for (size_t i = keep; i < all.size(); ++i) r.other += all[i].second;
    return r;
}

}  // namespace ctguard
