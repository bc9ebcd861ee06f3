#include "kernel/socket_owners.hpp"

#include <dirent.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <fstream>
#include <string>
#include <unordered_set>

#include "lib/text.hpp"

namespace ctguard {

namespace {

// /proc/net/{tcp,udp,raw}[6], one socket per line after the header:
//   "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode"
//   "   0: 0100007F:0CEA 00000000:0000 0A 00000000:00000000 00:00000000 00000000   118        0 21612 1 ..."
// The inode is the tenth field.
void add_inodes(const std::string& path, std::unordered_set<uint64_t>& inodes) {
    std::ifstream in(path);
    std::string line;
    std::getline(in, line);  // header
    while (std::getline(in, line)) {
        size_t field = 0;
        for (auto word : split(trim(line), ' ')) {
            if (word.empty()) continue;
            if (field++ == 9) {
                if (auto ino = parse_u64(word); ino && *ino != 0) inodes.insert(*ino);
                break;
            }
        }
    }
}

// "socket:[12345]" -> 12345
std::optional<uint64_t> socket_inode(std::string_view link) {
    if (!link.starts_with("socket:[") || !link.ends_with(']')) return std::nullopt;
    return parse_u64(link.substr(8, link.size() - 9));
}

std::string read_link(const std::string& path) {
    char buf[4096];
    ssize_t n = ::readlink(path.c_str(), buf, sizeof buf);
    return n > 0 ? std::string(buf, static_cast<size_t>(n)) : std::string();
}

}  // namespace

Result<std::vector<SocketOwner>> top_socket_owners(const RootDir& root, size_t n) {
    std::unordered_set<uint64_t> inodes;
    for (const char* f : {"tcp", "tcp6", "udp", "udp6", "raw", "raw6"}) {
        add_inodes(root.path("/proc/net/") + f, inodes);
    }
    std::vector<SocketOwner> owners;
    const std::string proc = root.path("/proc");
    DIR* dir = ::opendir(proc.c_str());
    if (!dir) return Error::from_errno("read " + proc, errno);
    while (const dirent* e = ::readdir(dir)) {
        auto pid = parse_u64(e->d_name, INT32_MAX);
        if (!pid) continue;
        const std::string base = proc + "/" + e->d_name;
        DIR* fds = ::opendir((base + "/fd").c_str());
        if (!fds) continue;  // exited, or not ours to read
        uint64_t count = 0;
        while (const dirent* f = ::readdir(fds)) {
            if (f->d_name[0] == '.') continue;
            auto ino = socket_inode(read_link(base + "/fd/" + f->d_name));
            if (ino && inodes.contains(*ino)) ++count;
        }
        ::closedir(fds);
        if (count == 0) continue;
        SocketOwner o;
        o.pid = static_cast<int>(*pid);
        o.comm = std::string(trim(read_small_file(base + "/comm").value_or("")));
        o.exe = read_link(base + "/exe");
        o.sockets = count;
        owners.push_back(std::move(o));
    }
    ::closedir(dir);
    std::sort(owners.begin(), owners.end(), [](const SocketOwner& a, const SocketOwner& b) {
        return a.sockets != b.sockets ? a.sockets > b.sockets : a.pid < b.pid;
    });
    if (owners.size() > n) owners.resize(n);
    return owners;
}

}  // namespace ctguard
