#include "host/socket_owners.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <string>

#include "lib/text.hpp"

namespace ctguard {

uint64_t parse_socket_link(std::string_view link) {
    constexpr std::string_view kPrefix = "socket:[";
    if (link.size() <= kPrefix.size() + 1 || link.substr(0, kPrefix.size()) != kPrefix || link.back() != ']')
        return 0;
    return parse_u64(link.substr(kPrefix.size(), link.size() - kPrefix.size() - 1)).value_or(0);
}

SocketOwners scan_socket_owners(const RootDir& root, const std::vector<int>& pids) {
    SocketOwners owners;
    char link[64];
    for (int pid : pids) {
        std::string path = root.path("/proc/" + std::to_string(pid) + "/fd");
        int dfd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (dfd < 0) {
            if (errno == EACCES || errno == EPERM) ++owners.unreadable;
            continue;  // ENOENT: the process exited meanwhile
        }
        DIR* dir = ::fdopendir(dfd);
        if (!dir) {
            ::close(dfd);
            continue;
        }
        while (dirent* e = ::readdir(dir)) {
            if (e->d_name[0] == '.') continue;
            // Only links that fit "socket:[N]" matter; longer targets (paths) are cut short and ignored.
            ssize_t n = ::readlinkat(dfd, e->d_name, link, sizeof link);
            if (n <= 0 || static_cast<size_t>(n) >= sizeof link) continue;
            uint64_t inode = parse_socket_link(std::string_view(link, static_cast<size_t>(n)));
            if (inode == 0) continue;
            auto [it, inserted] = owners.holder.emplace(inode, pid);
            if (!inserted && pid < it->second) it->second = pid;
        }
        ::closedir(dir);  // closes dfd too
    }
    return owners;
}

}  // namespace ctguard
