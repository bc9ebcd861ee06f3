#include "netfilter/slabinfo.hpp"

#include "lib/text.hpp"

namespace ctguard {

std::optional<uint64_t> parse_slab_object_size(std::string_view text, std::string_view cache) {
    for (auto line : split(text, '\n')) {
        std::vector<std::string_view> fields;
        for (auto f : split(line, ' ')) {
            if (!f.empty()) fields.push_back(f);
        }
        if (fields.size() >= 4 && fields[0] == cache) return parse_u64(fields[3]);
    }
    return std::nullopt;
}

std::optional<uint64_t> read_slab_object_size(const RootDir& root, std::string_view cache) {
    const std::string path = root.path("/proc/slabinfo");
    auto text = read_small_file(path);
    if (!text) return std::nullopt;
    return parse_slab_object_size(*text, cache);
}

}  // namespace ctguard
