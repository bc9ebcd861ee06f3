// `nft -j list table inet ctguard`: the JSON of a table someone else may have edited.
#include <string_view>

#include "netfilter/cap_table.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    ctguard::parse_cap_listing(std::string_view(reinterpret_cast<const char*>(data), size));
    return 0;
}
