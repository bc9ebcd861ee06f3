#include "kernel/sysctl.hpp"

#include <cerrno>

#include "lib/text.hpp"

namespace ctguard {

std::string sysctl_path(const RootDir& root, std::string_view key) {
    std::string rel(key);
    for (char& c : rel) {
        if (c == '.') c = '/';
    }
    return root.path("/proc/sys/" + rel);
}

Result<uint64_t> read_sysctl_u64(const RootDir& root, std::string_view key) {
    std::string path = sysctl_path(root, key);
    auto text = read_small_file(path);
    if (!text) return Error::from_errno(path, errno);
    auto v = parse_u64(trim(*text));
    if (!v) return Error::internal(path, "not a number: '" + std::string(trim(*text)) + "'");
    return *v;
}

}  // namespace ctguard
