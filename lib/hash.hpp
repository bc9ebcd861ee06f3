#pragma once
// A fast hash of a short byte string, for the hash tables of the hot paths (group keys, live entries).
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace ctguard {

// 64-bit FNV-1a, eight bytes at a time with a shift to mix them, then the tail byte by byte.
inline size_t hash_bytes(const void* data, size_t len) {
    const auto* p = static_cast<const uint8_t*>(data);
    uint64_t h = 1469598103934665603ull;
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t w;
        std::memcpy(&w, p + i, 8);
        h = (h ^ w) * 1099511628211ull;
        h ^= h >> 29;
    }
    for (; i < len; ++i) h = (h ^ p[i]) * 1099511628211ull;
    return static_cast<size_t>(h ^ (h >> 32));
}

}  // namespace ctguard
