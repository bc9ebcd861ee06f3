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

std::vector<std::string_view> parse_dpkg_list(std::string_view text) {
    std::vector<std::string_view> paths;
    for (auto line : split(text, '\n')) {
        if (!line.empty()) paths.push_back(line);
    }
    return paths;
}

std::vector<DpkgConffile> parse_dpkg_conffiles(std::string_view status) {
    std::vector<DpkgConffile> out;
    std::string_view package;
    bool in_conffiles = false;
    for (auto line : split(status, '\n')) {
        if (line.starts_with("Package: ")) package = trim(line.substr(9));
        // A field's continuation lines start with a blank; any other line starts the next field.
        if (!line.starts_with(" ")) {
            in_conffiles = line.starts_with("Conffiles:");
            continue;
        }
        if (!in_conffiles) continue;
        auto path = trim(line);
        if (!path.empty()) out.push_back({package, path.substr(0, path.find(' '))});
    }
    return out;
}

std::vector<DpkgChecksum> parse_dpkg_md5sums(std::string_view text) {
    std::vector<DpkgChecksum> out;
    for (auto line : split(text, '\n')) {
        if (line.find("  ") != 32) continue;
        std::string path = "/";
        path.append(line.substr(34));
        out.push_back({line.substr(0, 32), std::move(path)});
    }
    return out;
}

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
        for (auto line : parse_dpkg_list(*text)) {
            auto c = db.canonical(std::string(line));
            if (wanted.count(c)) db.owners_.emplace(c, name.substr(0, name.size() - 5));
        }
    }
    ::closedir(dir);

    // A package removed but not purged has no *.list any more, yet its conffiles (an /etc/init.d script,
    // an /etc/cron.d file) stay on disk and in the status file.
    if (auto status = read_small_file(root.path("/var/lib/dpkg/status"), table_file_max)) {
        for (const auto& f : parse_dpkg_conffiles(*status)) {
            auto c = db.canonical(std::string(f.path));
            if (wanted.count(c)) db.owners_.emplace(c, std::string(f.package));
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
    auto want = canonical(path);
    for (const auto& sum : parse_dpkg_md5sums(*text)) {
        if (canonical(sum.path) == want) return std::string(sum.md5);
    }
    return std::nullopt;
}

}  // namespace ctguard
