#include "lib/open_dir.hpp"

#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>

#include "lib/atomic_file.hpp"
#include "lib/text.hpp"

namespace ctguard {

namespace {

int open_resolved(int top, const std::string& rel, int flags, Symlinks links) {
    open_how how{};
    how.flags = static_cast<uint64_t>(flags) | O_CLOEXEC;
    how.resolve = links == Symlinks::in_root ? RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS
                                             : RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS;
    return static_cast<int>(::syscall(SYS_openat2, top, rel.c_str(), &how, sizeof how));
}

int openat2_dir(int top, const std::string& rel, Symlinks links) {
    return open_resolved(top, rel, O_RDONLY | O_DIRECTORY, links);
}

Result<UniqueFd> open_top(const RootDir& root) {
    const std::string top_path = root.live() ? "/" : root.dir;
    UniqueFd top(::open(top_path.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
    if (!top.valid()) return Error::from_errno("open " + top_path, errno);
    return top;
}

bool is_symlink(int dir, const std::string& name) {
    struct stat st {};
    return ::fstatat(dir, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode);
}

}  // namespace

Result<UniqueFd> open_dir(const RootDir& root, std::string_view path, Symlinks links, mode_t create_mode) {
    const std::string in = root.live() ? "" : " (under " + root.dir + ")";
    auto top = open_top(root);
    if (!top) return top.error();
    UniqueFd cur(openat2_dir(top->get(), ".", links));
    if (!cur.valid()) {
        if (errno == ENOSYS) return Error::unavailable("openat2", "needs Linux 5.6 or later");
        return Error::from_errno("open " + root.path("/"), errno);
    }
    std::string rel = ".";
    std::string shown;
    for (auto part : split(path, '/')) {
        if (part.empty() || part == ".") continue;
        std::string name(part);
        shown += "/" + name;
        if (name == "..") return Error::usage(std::string(path), "'..' is not allowed in this path");
        rel += "/" + name;
        int fd = openat2_dir(top->get(), rel, links);
        if (fd < 0 && errno == ENOENT && create_mode != 0) {
            if (::mkdirat(cur.get(), name.c_str(), create_mode) != 0 && errno != EEXIST)
                return Error::from_errno("mkdir " + shown + in, errno);
            fd = openat2_dir(top->get(), rel, links);
        }
        if (fd < 0) {
            int err = errno;
            if (links == Symlinks::refuse && (err == ELOOP || err == EXDEV)) {
                return Error::unavailable(shown, "is a symbolic link; refusing to follow it here",
                                          "remove the link, or choose a directory without links");
            }
            if (is_symlink(cur.get(), name)) {
                return Error::unavailable(shown + in,
                                          "is a symbolic link to no directory inside the tree; refusing "
                                          "to write through it");
            }
            return Error::from_errno("open " + shown + in, err);
        }
        cur = UniqueFd(fd);
    }
    return cur;
}

Result<void> write_file_in_root(const RootDir& root, const std::string& path, std::string_view content,
                                mode_t mode) {
    auto [dir, name] = split_dir_name(path);
    auto fd = open_dir(root, dir, Symlinks::in_root, 0755);
    if (!fd) return fd.error();
    return write_file_atomic_at(fd->get(), name, content, mode, root.path(path));
}

Result<UniqueFd> open_in_root(const RootDir& root, const std::string& path, int flags) {
    auto top = open_top(root);
    if (!top) return top.error();
    UniqueFd fd(open_resolved(top->get(), "." + path, flags, Symlinks::in_root));
    if (!fd.valid()) return Error::from_errno(root.path(path), errno);
    return fd;
}

Result<void> remove_file_in_root(const RootDir& root, const std::string& path) {
    auto [dir, name] = split_dir_name(path);
    auto fd = open_dir(root, dir, Symlinks::in_root);
    if (!fd) return fd.error();
    if (::unlinkat(fd->get(), name.c_str(), 0) != 0 && errno != ENOENT)
        return Error::from_errno("remove " + root.path(path), errno);
    return {};
}

}  // namespace ctguard
