#include "netfilter/sysctl.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "lib/open_dir.hpp"
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

Result<void> write_kernel_value(const RootDir& root, const std::string& file, uint64_t value) {
    // Resolved inside the tree: in a --root image, proc/sys/... may be a link to any file.
    auto opened = open_in_root(root, file, O_WRONLY | O_TRUNC);
    if (!opened) {
        Error e = opened.error();
        e.what = "write " + e.what;
        return e;
    }
    const UniqueFd& fd = *opened;
    const std::string path = root.path(file);
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
    return write_kernel_value(root, sysctl_path(RootDir{}, key), value);
}

bool sysctl_read_only(const RootDir& root, std::string_view key) {
    struct stat st;
    return ::stat(sysctl_path(root, key).c_str(), &st) == 0 && (st.st_mode & 0222) == 0;
}

}  // namespace ctguard
