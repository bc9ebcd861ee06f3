#pragma once
// A hash of an address, for the sets and maps keyed by one.
#include <cstddef>
#include <cstdint>

#include "model/ip.hpp"

namespace ctguard {

struct IpAddrHash {
    size_t operator()(const IpAddr& a) const {
        // FNV-1a over the used bytes (unused ones are always zero).
        uint64_t h = 1469598103934665603ull ^ a.family;
        for (size_t i = 0; i < a.size(); ++i) h = (h ^ a.bytes[i]) * 1099511628211ull;
        return static_cast<size_t>(h);
    }
};

}  // namespace ctguard
