#include "host/netns.hpp"

#include <fcntl.h>
#include <sched.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "lib/text.hpp"

namespace ctguard {

std::string netns_path(const RootDir& root, std::string_view spec) {
    if (spec.starts_with("pid:")) return root.path("/proc/" + std::string(spec.substr(4)) + "/ns/net");
    if (spec.find('/') != std::string_view::npos) return std::string(spec);
    return root.path("/run/netns/" + std::string(spec));
}

std::string cli_netns_spec(const RootDir& root, std::string_view spec) {
    if (!parse_u64(spec) || ::access(netns_path(root, spec).c_str(), F_OK) == 0) return std::string(spec);
    return "pid:" + std::string(spec);
}

Result<UniqueFd> open_netns(const RootDir& root, std::string_view spec) {
    if (spec.empty()) return Error::usage("--netns", "empty namespace name");
    std::string path = netns_path(root, spec);
    UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd.valid()) {
        int err = errno;
        if (err == ENOENT) {
            return Error::unavailable("netns " + std::string(spec),
                                      "no such network namespace (" + path + ")",
                                      "list them with 'ip netns list'");
        }
        return Error::from_errno("netns " + std::string(spec), err);
    }
    return fd;
}

Result<void> enter_netns(const RootDir& root, std::string_view spec) {
    auto fd = open_netns(root, spec);
    if (!fd) return fd.error();
    if (::setns(fd->get(), CLONE_NEWNET) != 0) {
        int err = errno;
        if (err == EINVAL) {
            return Error::usage("netns " + std::string(spec),
                                netns_path(root, spec) + " is not a network namespace");
        }
        return Error::from_errno("netns " + std::string(spec), err,
                                 "entering a namespace needs root (CAP_SYS_ADMIN)");
    }
    return {};
}

Result<uint64_t> current_netns_inode() {
    struct stat st;
    if (::stat("/proc/thread-self/ns/net", &st) != 0) return Error::from_errno("/proc/thread-self/ns/net", errno);
    return static_cast<uint64_t>(st.st_ino);
}

}  // namespace ctguard
