#include "host/netns_discovery.hpp"

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <map>

#include "host/netns_thread.hpp"
#include "lib/text.hpp"

namespace ctguard {

namespace {

bool strip(std::string_view& s, std::string_view prefix, std::string_view suffix = {}) {
    if (!s.starts_with(prefix) || !s.ends_with(suffix) || s.size() < prefix.size() + suffix.size()) return false;
    s = s.substr(prefix.size(), s.size() - prefix.size() - suffix.size());
    return true;
}

std::string short_id(std::string_view id) {
    return std::string(id.substr(0, 12));
}

// systemd escapes '-' in unit names as \x2d (machine-my\x2dvm.scope is machine "my-vm").
std::string unescape_unit(std::string_view s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s.substr(i, 4) == "\\x2d") {
            out += '-';
            i += 3;
        } else {
            out += s[i];
        }
    }
    return out;
}

// One cgroup path, e.g. "/system.slice/docker-0123abcd....scope".
CgroupContainer container_in_path(std::string_view path) {
    const auto parts = split(path, '/');
    // A pod shares one namespace among its containers: the pod names it, whatever the runtime.
    // cgroupfs: /kubepods/burstable/pod<UID>/<ID>; systemd: kubepods-burstable-pod<UID_>.slice.
    bool in_pods = false;
    for (std::string_view p : parts) {
        in_pods = in_pods || p.starts_with("kubepods");
        if (!in_pods) continue;
        const bool bare = p.starts_with("pod");
        const size_t at = bare ? 0 : p.find("-pod");
        if (at == std::string_view::npos) continue;
        std::string_view uid = p.substr(at + (bare ? 3 : 4));
        if (uid.ends_with(".slice")) uid.remove_suffix(6);
        if (uid.empty()) continue;
        std::string id(uid);
        std::replace(id.begin(), id.end(), '_', '-');
        return {"k8s", id};
    }
    for (size_t i = 0; i < parts.size(); ++i) {
        std::string_view p = parts[i];
        const std::string_view prev = i > 0 ? parts[i - 1] : std::string_view{};
        if (strip(p, "docker-", ".scope") || (prev == "docker" && p.size() == 64)) return {"docker", short_id(p)};
        p = parts[i];
        if (!p.starts_with("libpod-conmon-") && strip(p, "libpod-", ".scope")) return {"podman", short_id(p)};
        p = parts[i];
        if (strip(p, "lxc.payload.") || (prev == "lxc" && !p.empty())) return {"lxc", std::string(p)};
        p = parts[i];
        if (strip(p, "machine-", ".scope")) return {"nspawn", unescape_unit(p)};
    }
    return {};
}

bool same(const NamespaceInfo& ns, const struct stat& st) {
    return ns.dev == st.st_dev && ns.inode == st.st_ino;
}

std::string comm_of(const RootDir& root, int pid) {
    auto comm = read_small_file(root.path("/proc/" + std::to_string(pid) + "/comm"));
    if (!comm) return "";
    return std::string(trim(*comm));
}

std::vector<std::string> dir_names(const std::string& dir) {
    std::vector<std::string> names;
    if (DIR* d = ::opendir(dir.c_str())) {
        while (const dirent* e = ::readdir(d)) {
            std::string_view n = e->d_name;
            if (n != "." && n != "..") names.emplace_back(n);
        }
        ::closedir(d);
    }
    std::sort(names.begin(), names.end());
    return names;
}

}  // namespace

CgroupContainer container_from_cgroup(std::string_view cgroup) {
    // "0::/system.slice/docker-ID.scope" (v2) or "12:pids:/docker/ID" (v1): the path after the
    // second colon. The first line that names a container wins.
    for (auto line : split(cgroup, '\n')) {
        auto first = line.find(':');
        if (first == std::string_view::npos) continue;
        auto second = line.find(':', first + 1);
        if (second == std::string_view::npos) continue;
        auto c = container_in_path(line.substr(second + 1));
        if (!c.kind.empty()) return c;
    }
    return {};
}

std::vector<NamespaceInfo> discover_netns(const RootDir& root) {
    struct stat host {};
    const bool have_host = ::stat(root.path("/proc/1/ns/net").c_str(), &host) == 0;
    std::vector<NamespaceInfo> found;
    auto find = [&found](const struct stat& st) -> NamespaceInfo* {
        for (auto& ns : found) {
            if (same(ns, st)) return &ns;
        }
        return nullptr;
    };
    // The caller's own namespace is the table it reads anyway.
    struct stat self {};
    if (root.live() && ::stat("/proc/thread-self/ns/net", &self) == 0)
        found.push_back({"(this namespace)", "", "", "", "", self.st_dev, self.st_ino, {}});
    const size_t skip = found.size();
    auto add_file = [&](const std::string& path, std::string name, const char* kind, std::string arg) {
        struct stat st {};
        if (::stat(root.path(path).c_str(), &st) != 0) return;
        if ((have_host && st.st_dev == host.st_dev && st.st_ino == host.st_ino) || find(st)) return;
        found.push_back({std::move(name), kind, "", path, std::move(arg), st.st_dev, st.st_ino, {}});
    };
    for (const auto& name : list_netns_names(root)) add_file("/run/netns/" + name, name, "netns", name);
    for (const auto& name : dir_names(root.path("/var/run/docker/netns"))) {
        const std::string path = "/var/run/docker/netns/" + name;
        add_file(path, "docker-netns:" + name, "docker", path);
    }

    // Every process's namespace: unnamed ones are found only this way.
    std::map<size_t, std::vector<int>> pids;  // index in found -> pids
    for (const auto& entry : dir_names(root.path("/proc"))) {
        auto pid = parse_u64(entry, INT32_MAX);
        if (!pid) continue;
        const std::string path = "/proc/" + entry + "/ns/net";
        struct stat st {};
        if (::stat(root.path(path).c_str(), &st) != 0) continue;  // gone, or a kernel thread's
        if (have_host && st.st_dev == host.st_dev && st.st_ino == host.st_ino) continue;
        NamespaceInfo* ns = find(st);
        if (!ns) {
            found.push_back({"", "process", "", path, "pid:" + entry, st.st_dev, st.st_ino, {}});
            ns = &found.back();
        }
        pids[static_cast<size_t>(ns - found.data())].push_back(static_cast<int>(*pid));
    }
    for (auto& [i, list] : pids) {
        std::sort(list.begin(), list.end());
        NamespaceInfo& ns = found[i];
        const int first = list.front();
        if (ns.path.starts_with("/proc/")) {  // found through a process: enter it through the lowest
            ns.path = "/proc/" + std::to_string(first) + "/ns/net";
            ns.arg = "pid:" + std::to_string(first);
        }
        if (list.size() > kNamespacePids) list.resize(kNamespacePids);
        ns.pids = list;
        auto cgroup = read_small_file(root.path("/proc/" + std::to_string(first) + "/cgroup"));
        const CgroupContainer c = cgroup ? container_from_cgroup(*cgroup) : CgroupContainer{};
        if (!c.kind.empty()) {
            ns.container = c.id;
            if (ns.kind != "netns") ns.kind = c.kind;  // an `ip netns` name is what its owner typed
        }
        if (ns.name.empty()) {
            ns.name = !c.kind.empty() ? c.kind + ":" + c.id
                                      : "pid:" + std::to_string(first) + "(" + printable(comm_of(root, first)) + ")";
        } else if (ns.name.starts_with("docker-netns:") && c.kind == "docker") {
            ns.name = "docker:" + c.id;
        }
    }
    found.erase(found.begin(), found.begin() + static_cast<ptrdiff_t>(skip));
    return found;
}

bool in_initial_netns(const RootDir& root) {
    if (!root.live()) return false;
    auto self = current_netns_id();
    if (!self) return false;
    if (auto init = netns_id("/proc/1/ns/net")) return *init == *self;
    // PID 1 is hidden from us (a sandbox): this is the host's view unless it runs inside a named
    // namespace (`ip netns exec NAME ctguard check`).
    for (const auto& name : list_netns_names(root)) {
        auto named = netns_id("/run/netns/" + name);
        if (named && *named == *self) return false;
    }
    return true;
}

}  // namespace ctguard
