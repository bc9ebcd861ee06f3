#include "host/config_files.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <memory>

#include "lib/atomic_file.hpp"
#include "lib/conf_order.hpp"
#include "lib/open_dir.hpp"
#include "lib/text.hpp"

namespace ctguard {

namespace {

// sysctl.d(5) and modules-load.d(5), highest priority first; /lib for systems without merged /usr.
const std::vector<std::string> kSysctlDirs = {"/etc/sysctl.d", "/run/sysctl.d", "/usr/local/lib/sysctl.d",
                                              "/usr/lib/sysctl.d", "/lib/sysctl.d"};
}  // namespace

const std::vector<std::string> kModulesLoadDirs = {"/etc/modules-load.d", "/run/modules-load.d",
                                                   "/usr/local/lib/modules-load.d", "/usr/lib/modules-load.d",
                                                   "/lib/modules-load.d"};

namespace {

struct DirCloser {
    void operator()(DIR* d) const { closedir(d); }
};

// Names of the files and symlinks in a directory; none when it does not exist.
Result<ConfDir> list_dir(const RootDir& root, const std::string& dir) {
    ConfDir out{dir, {}};
    std::unique_ptr<DIR, DirCloser> d(opendir(root.path(dir).c_str()));
    if (!d) {
        if (errno == ENOENT || errno == ENOTDIR) return out;
        return Error::from_errno("read " + dir, errno);
    }
    while (dirent* e = readdir(d.get())) {
        if (e->d_type == DT_REG || e->d_type == DT_LNK || e->d_type == DT_UNKNOWN)
            out.names.emplace_back(e->d_name);
    }
    return out;
}

std::string parent_of(std::string_view path) {
    auto slash = path.rfind('/');
    return slash == 0 || slash == std::string_view::npos ? "/" : std::string(path.substr(0, slash));
}

// "/etc/sysctl.d/../sysctl.conf" -> "/etc/sysctl.conf"
std::string normalize_path(std::string_view path) {
    std::vector<std::string_view> parts;
    for (auto p : split(path, '/')) {
        if (p.empty() || p == ".") continue;
        if (p == "..") {
            if (!parts.empty()) parts.pop_back();
        } else {
            parts.push_back(p);
        }
    }
    std::string out;
    for (auto p : parts) {
        out.push_back('/');
        out.append(p);
    }
    return out.empty() ? "/" : out;
}

// Follows symlinks the way the system would see them, but inside --root: an absolute link target
// means the image's own path. Returns "/dev/null" for a masked file.
Result<std::string> resolve(const RootDir& root, std::string path) {
    for (int depth = 0; depth < 16; ++depth) {
        char target[4096];
        ssize_t n = readlink(root.path(path).c_str(), target, sizeof target - 1);
        if (n < 0) {
            if (errno == EINVAL) return path;  // not a symlink
            return Error::from_errno("read " + path, errno);
        }
        std::string_view t(target, static_cast<size_t>(n));
        if (t == "/dev/null") return std::string(t);
        path = normalize_path(t.starts_with('/') ? std::string(t) : parent_of(path) + "/" + std::string(t));
    }
    return Error::from_errno("read " + path, ELOOP);
}

// nullopt: the file is gone (a dangling link); the readers skip it too.
Result<std::optional<ConfFile>> read_conf(const RootDir& root, const std::string& listed) {
    auto real = resolve(root, listed);
    if (!real) {
        if (real.error().code == Exit::unavailable) return std::optional<ConfFile>{};
        return real.error();
    }
    ConfFile f{listed, *real, {}};
    if (*real == "/dev/null") return std::optional<ConfFile>(std::move(f));
    auto text = read_config_file(root, *real);
    if (!text) return text.error();
    if (!*text) return std::optional<ConfFile>{};
    f.text = std::move(**text);
    return std::optional<ConfFile>(std::move(f));
}

}  // namespace

Result<std::vector<ConfFile>> read_dropins(const RootDir& root, const std::vector<std::string>& dirs) {
    std::vector<ConfDir> listing;
    for (const auto& d : dirs) {
        auto l = list_dir(root, d);
        if (!l) return l.error();
        listing.push_back(std::move(*l));
    }
    std::vector<ConfFile> out;
    for (const auto& path : merge_conf_dirs(listing)) {
        auto f = read_conf(root, path);
        if (!f) return f.error();
        if (*f) out.push_back(std::move(**f));
    }
    return out;
}

Result<std::optional<std::string>> read_config_file(const RootDir& root, std::string_view path) {
    auto text = read_small_file(root.path(path));
    if (!text) {
        if (errno == ENOENT || errno == ENOTDIR) return std::optional<std::string>{};
        return Error::from_errno("read " + std::string(path), errno);
    }
    return std::optional<std::string>(std::move(*text));
}

Result<SysctlConfig> read_sysctl_config(const RootDir& root) {
    SysctlConfig config;
    auto files = read_dropins(root, kSysctlDirs);
    if (!files) return files.error();
    config.files = std::move(*files);
    auto conf = read_conf(root, "/etc/sysctl.conf");
    if (!conf) return conf.error();
    if (*conf && conf->value().real != "/dev/null") config.sysctl_conf = std::move(**conf);
    return config;
}

Result<void> apply_file_change(const RootDir& root, const FileChange& c) {
    if (!c.after) return remove_file_in_root(root, c.path);
    // The directory is opened inside the tree (a symlink in an image cannot lead the write out of it),
    // and everything below happens relative to it.
    auto [dir_path, name] = split_dir_name(c.path);
    auto dir = open_dir(root, dir_path, Symlinks::in_root, 0755);
    if (!dir) return dir.error();
    mode_t mode = 0644;
    struct stat st;
    if (fstatat(dir->get(), name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode))
        mode = st.st_mode & 07777;
    if (c.backup && c.before) {
        // The backup sits next to the file (backup_path()); an existing one is the true original.
        const std::string bak = backup_path(c.path);
        const std::string bak_name = split_dir_name(bak).second;
        if (faccessat(dir->get(), bak_name.c_str(), F_OK, AT_SYMLINK_NOFOLLOW) != 0) {
            if (auto r = write_file_atomic_at(dir->get(), bak_name, *c.before, mode, root.path(bak)); !r) return r;
        }
    }
    return write_file_atomic_at(dir->get(), name, *c.after, mode, root.path(c.path));
}

Result<void> write_files(const RootDir& root, const std::vector<FileChange>& changes) {
    for (const auto& c : changes) {
        if (auto r = apply_file_change(root, c); !r) return r;
    }
    return {};
}

}  // namespace ctguard
