#include "netfilter/sysctl.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "lib/text.hpp"
#include "lib/unique_fd.hpp"

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

Result<void> write_kernel_value(const std::string& path, uint64_t value) {
    UniqueFd fd(::open(path.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC));
    if (!fd.valid()) return Error::from_errno("write " + path, errno);
    std::string text = std::to_string(value) + "\n";
    ssize_t n = ::write(fd.get(), text.data(), text.size());
    if (n < 0) {
        if (errno == EINVAL)
            return Error::usage("write " + path, "the kernel refused " + std::to_string(value));
        return Error::from_errno("write " + path, errno);
    }
    if (static_cast<size_t>(n) != text.size()) return Error::internal("write " + path, "short write");
    return {};
}

Result<void> write_sysctl_u64(const RootDir& root, std::string_view key, uint64_t value) {
    return write_kernel_value(sysctl_path(root, key), value);
}

bool sysctl_read_only(const RootDir& root, std::string_view key) {
    struct stat st;
    return ::stat(sysctl_path(root, key).c_str(), &st) == 0 && (st.st_mode & 0222) == 0;
}

}  // namespace ctguard
