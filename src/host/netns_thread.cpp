#include "host/netns_thread.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <sched.h>
#include <sys/stat.h>
#include <sys/vfs.h>

#include <algorithm>
#include <cerrno>
#include <thread>

#include "lib/unique_fd.hpp"

namespace ctguard {

Result<NetnsId> netns_id(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return Error::from_errno("netns " + path, errno);
    return NetnsId{st.st_dev, st.st_ino};
}

bool is_namespace_file(const std::string& path) {
    struct statfs fs {};
    return ::statfs(path.c_str(), &fs) == 0 && fs.f_type == NSFS_MAGIC;
}

Result<NetnsId> current_netns_id() {
    return netns_id("/proc/thread-self/ns/net");
}

Result<void> run_in_netns(const std::string& path, const std::function<Result<void>()>& fn, NetnsId* entered,
                          const std::optional<NetnsId>& expected) {
    UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd.valid()) {
        int err = errno;
        if (err == ENOENT) return Error::unavailable("netns " + path, "no such network namespace");
        return Error::from_errno("netns " + path, err);
    }
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0) return Error::from_errno("netns " + path, errno);
    const NetnsId id{st.st_dev, st.st_ino};
    if (entered) *entered = id;
    if (expected && !(*expected == id)) {
        return Error::unavailable("netns " + path, "now a different namespace than the one being watched");
    }

    Result<void> result;
    std::thread worker([&] {
        if (::setns(fd.get(), CLONE_NEWNET) != 0) {
            int err = errno;
            // `ip netns add` creates the file before it bind-mounts the namespace on it: EINVAL
            // here is often a namespace that is still being set up.
            result = err == EINVAL ? Error::unavailable("netns " + path, "not a network namespace (yet)")
                                   : Error::from_errno("netns " + path, err,
                                                       "entering a namespace needs CAP_SYS_ADMIN");
            return;
        }
        result = fn();
    });
    worker.join();
    return result;
}

std::vector<std::string> list_netns_names(const RootDir& root) {
    std::vector<std::string> names;
    DIR* dir = ::opendir(root.path("/run/netns").c_str());
    if (!dir) return names;
    while (const dirent* e = ::readdir(dir)) {
        std::string_view n = e->d_name;
        if (n == "." || n == "..") continue;
        names.emplace_back(n);
    }
    ::closedir(dir);
    std::sort(names.begin(), names.end());
    return names;
}

}  // namespace ctguard
