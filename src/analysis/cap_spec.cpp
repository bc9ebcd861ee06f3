#include "analysis/cap_spec.hpp"

#include <algorithm>

namespace ctguard {

namespace {

bool cidr_less(const Cidr& a, const Cidr& b) {
    if (a.net.family != b.net.family) return a.net.family < b.net.family;
    if (a.net.bytes != b.net.bytes) return a.net.bytes < b.net.bytes;
    return a.prefix < b.prefix;
}

}  // namespace

CapSpec normalize_cap(CapSpec spec) {
    auto& ports = spec.ports;
    std::sort(ports.begin(), ports.end(), [](const PortRange& a, const PortRange& b) { return a.lo < b.lo; });
    std::vector<PortRange> merged;
    for (const auto& p : ports) {
        if (!merged.empty() && p.lo <= static_cast<uint32_t>(merged.back().hi) + 1) {
            merged.back().hi = std::max(merged.back().hi, p.hi);
        } else {
            merged.push_back(p);
        }
    }
    ports = std::move(merged);

    auto& ex = spec.exempt;
    std::sort(ex.begin(), ex.end(), cidr_less);
    std::vector<Cidr> kept;
    for (const auto& c : ex) {
        // Sorted by address then prefix, a covering prefix comes before what it covers.
        bool covered = std::any_of(kept.begin(), kept.end(),
                                   [&](const Cidr& k) { return k.prefix <= c.prefix && k.contains(c.net); });
        if (!covered) kept.push_back(c);
    }
    ex = std::move(kept);
    return spec;
}

}  // namespace ctguard
