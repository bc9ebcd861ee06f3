#include "host/dpkg.hpp"

#include <dirent.h>
#include <sys/stat.h>

#include "lib/text.hpp"

namespace ctguard {

namespace {

constexpr const char* kInfoDir = "/var/lib/dpkg/info";

// The directories merged /usr turns into links (usr-is-merged): /bin is /usr/bin, and so on.
constexpr const char* kMergeable[] = {"/bin/", "/sbin/", "/lib/", "/lib32/", "/lib64/", "/libx32/"};

}  // namespace

std::string DpkgFiles::canonical(const std::string& path) const {
    for (const auto& top : merged_) {
        if (path.starts_with(top)) return "/usr" + path;
    }
    return path;
}

DpkgFiles DpkgFiles::load(const RootDir& root, const std::set<std::string>& paths) {
    DpkgFiles db;
    db.root_ = root;
    for (std::string top : kMergeable) {
        struct stat st {};
        std::string dir = top.substr(0, top.size() - 1);
        if (::lstat(root.path(dir).c_str(), &st) == 0 && S_ISLNK(st.st_mode)) db.merged_.push_back(top);
    }
    std::set<std::string> wanted;
    for (const auto& p : paths) wanted.insert(db.canonical(p));

    DIR* dir = ::opendir(root.path(kInfoDir).c_str());
    if (!dir) return db;
    db.available_ = true;
    while (dirent* e = ::readdir(dir)) {
        std::string name = e->d_name;
        if (!name.ends_with(".list")) continue;
        auto text = read_small_file(root.path(std::string(kInfoDir) + "/" + name));
        if (!text) continue;
        // One absolute path per line: "/usr/bin/ps".
        for (auto line : split(*text, '\n')) {
            if (line.empty()) continue;
            auto c = db.canonical(std::string(line));
            if (wanted.count(c)) db.owners_.emplace(c, name.substr(0, name.size() - 5));
        }
    }
    ::closedir(dir);

    // A package removed but not purged has no *.list any more, yet its conffiles (an /etc/init.d script,
    // an /etc/cron.d file) stay on disk and in the status file:
    //   Package: apache2
    //   Conffiles:
    //    /etc/init.d/apache2 87b4ba5d6cd1e1c0c9b2a1cd8c3e2b4b
    if (auto status = read_small_file(root.path("/var/lib/dpkg/status"), table_file_max)) {
        std::string package;
        bool in_conffiles = false;
        for (auto line : split(*status, '\n')) {
            if (line.starts_with("Package: ")) package = std::string(trim(line.substr(9)));
            if (!line.starts_with(" ")) {
                in_conffiles = line.starts_with("Conffiles:");
                continue;
            }
            if (!in_conffiles) continue;
            auto path = trim(line);
            auto c = db.canonical(std::string(path.substr(0, path.find(' '))));
            if (wanted.count(c)) db.owners_.emplace(c, package);
        }
    }
    return db;
}

std::optional<std::string> DpkgFiles::owner(const std::string& path) const {
    auto it = owners_.find(canonical(path));
    if (it == owners_.end()) return std::nullopt;
    return it->second;
}

std::optional<std::string> DpkgFiles::md5sum(const std::string& path) const {
    auto pkg = owner(path);
    if (!pkg) return std::nullopt;
    auto text = read_small_file(root_.path(std::string(kInfoDir) + "/" + *pkg + ".md5sums"));
    if (!text) return std::nullopt;
    // "08a07e7517a09d2f40e2618eff4adf22  bin/ps": the path has no leading '/'.
    auto want = canonical(path);
    for (auto line : split(*text, '\n')) {
        auto sp = line.find("  ");
        if (sp != 32) continue;
        std::string path = "/";
        path.append(line.substr(34));
        if (canonical(path) == want) return std::string(line.substr(0, 32));
    }
    return std::nullopt;
}

}  // namespace ctguard
