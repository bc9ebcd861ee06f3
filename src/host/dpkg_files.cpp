#include "host/dpkg_files.hpp"

#include <dirent.h>

#include <fstream>
#include <memory>
#include <unordered_map>

namespace ctguard {

namespace {

// The other spelling of a path under merged /usr ("/usr/bin/x" <-> "/bin/x"), or "".
std::string usr_merge_alias(const std::string& p) {
    for (const char* dir : {"/bin/", "/sbin/", "/lib/", "/lib64/"}) {
        std::string d(dir);
        if (p.compare(0, d.size(), d) == 0) return "/usr" + p;
        if (p.compare(0, 4 + d.size(), "/usr" + d) == 0) return p.substr(4);
    }
    return {};
}

}  // namespace

std::optional<std::unordered_set<std::string>> owned_by_packages(const RootDir& root,
                                                                 const std::vector<std::string>& paths) {
    std::string info = root.path("/var/lib/dpkg/info");
    std::unique_ptr<DIR, int (*)(DIR*)> dir(::opendir(info.c_str()), ::closedir);
    if (!dir) return std::nullopt;

    // Each spelling we may meet in a list, mapped to the path the caller asked about.
    std::unordered_map<std::string, const std::string*> wanted;
    for (const auto& p : paths) {
        if (p.empty()) continue;
        wanted.emplace(p, &p);
        if (auto alias = usr_merge_alias(p); !alias.empty()) wanted.emplace(alias, &p);
    }
    std::unordered_set<std::string> owned;
    if (wanted.empty()) return owned;
    std::string line;
    while (dirent* e = ::readdir(dir.get())) {
        std::string_view name(e->d_name);
        if (name.size() < 6 || name.substr(name.size() - 5) != ".list") continue;
        std::ifstream in(info + "/" + std::string(name));
        while (std::getline(in, line)) {
            if (auto it = wanted.find(line); it != wanted.end()) owned.insert(*it->second);
        }
        if (owned.size() == paths.size()) break;
    }
    return owned;
}

}  // namespace ctguard
