#include "model/process.hpp"

#include <algorithm>

namespace ctguard {

std::vector<std::string_view> preload_entries(std::string_view ld_preload) {
    std::vector<std::string_view> out;
    size_t start = 0;
    while (start < ld_preload.size()) {
        size_t end = std::min(ld_preload.size(), ld_preload.find_first_of(": \t", start));
        if (end > start) out.push_back(ld_preload.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

}  // namespace ctguard
