#include "model/top.hpp"

#include <array>

namespace ctguard {

namespace {

constexpr std::array<std::string_view, 10> kKeyNames = {"src",   "dst",  "sport", "dport",   "proto",
                                                        "state", "zone", "mark",  "process", "netns"};

}  // namespace

std::optional<TopKey> parse_top_key(std::string_view name) {
    for (size_t i = 0; i < kKeyNames.size(); ++i) {
        if (kKeyNames[i] == name) return static_cast<TopKey>(i);
    }
    return std::nullopt;
}

std::string_view top_key_name(TopKey key) {
    return kKeyNames[static_cast<size_t>(key)];
}

}  // namespace ctguard
