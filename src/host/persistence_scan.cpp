#include "host/persistence_scan.hpp"

#include <dirent.h>
#include <fmt/format.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <set>

#include "host/dpkg.hpp"
#include "lib/digest.hpp"
#include "lib/text.hpp"
#include "lib/unique_fd.hpp"

namespace ctguard {

namespace {

// Start-up files are short scripts; anything bigger is not read as text (it is still checked for ownership).
constexpr off_t kMaxTextSize = 1 << 20;

// Regular files (symlinks followed only when `follow`) directly in `dir`, sorted.
std::vector<std::string> files_in(const RootDir& root, const std::string& dir, bool follow = false) {
    std::vector<std::string> out;
    DIR* d = ::opendir(root.path(dir).c_str());
    if (!d) return out;
    while (dirent* e = ::readdir(d)) {
        std::string name = e->d_name;
        if (name == "." || name == "..") continue;
        std::string path = dir + "/" + name;
        struct stat st {};
        int rc = follow ? ::stat(root.path(path).c_str(), &st) : ::lstat(root.path(path).c_str(), &st);
        if (rc == 0 && S_ISREG(st.st_mode)) out.push_back(path);
    }
    ::closedir(d);
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<std::string> subdirs_in(const RootDir& root, const std::string& dir, std::string_view suffix) {
    std::vector<std::string> out;
    DIR* d = ::opendir(root.path(dir).c_str());
    if (!d) return out;
    while (dirent* e = ::readdir(d)) {
        std::string name = e->d_name;
        struct stat st {};
        if (name.ends_with(suffix) && ::lstat(root.path(dir + "/" + name).c_str(), &st) == 0 &&
            S_ISDIR(st.st_mode)) {
            out.push_back(dir + "/" + name);
        }
    }
    ::closedir(d);
    std::sort(out.begin(), out.end());
    return out;
}

bool is_regular(const RootDir& root, const std::string& path) {
    struct stat st {};
    return ::stat(root.path(path).c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

class Scanner {
  public:
    Scanner(const RootDir& root, std::vector<std::string>& notes) : root_(root), notes_(notes) {}

    // `link`: FinalLink::refuse for files in users' homes, whose owner could link them to /etc/shadow.
    void add_startup(StartupKind kind, const std::string& path, FinalLink link = FinalLink::follow) {
        if (!is_regular(root_, path) || !seen_.insert(path).second) return;
        StartupFile f{kind, path, "", false};
        struct stat st {};
        if (::stat(root_.path(path).c_str(), &st) == 0 && st.st_size > kMaxTextSize) {
            notes_.push_back(path + " is larger than 1 MiB: not read");
        } else if (auto text = read_small_file(root_.path(path), small_file_max, link)) {
            f.text = std::move(*text);
        } else if (errno == ELOOP) {
            notes_.push_back(path + " is a symbolic link: not followed, not read");
        }
        scan_.startup.push_back(std::move(f));
    }

    void add_startup_dir(StartupKind kind, const std::string& dir) {
        for (const auto& p : files_in(root_, dir)) add_startup(kind, p);
    }

    void add_drop(const std::string& path) {
        struct stat st {};
        if (::lstat(root_.path(path).c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return;
        DropFile d{path, false, (st.st_mode & 0111) != 0, false};
        UniqueFd fd(::open(root_.path(path).c_str(), O_RDONLY | O_CLOEXEC));
        char magic[4] = {};
        if (fd.valid() && ::read(fd.get(), magic, 4) == 4)
            d.elf = std::string_view(magic, 4) ==
                    "\x7f"
                    "ELF";
        scan_.drops.push_back(std::move(d));
    }

    void add_binaries() {
        std::set<std::pair<dev_t, ino_t>> inodes;
        for (const auto& name : kWatchedBinaries) {
            for (const char* dir : {"/bin/", "/usr/bin/", "/sbin/", "/usr/sbin/"}) {
                std::string path = dir + name;
                struct stat st {};
                if (::stat(root_.path(path).c_str(), &st) != 0 || !S_ISREG(st.st_mode)) continue;
                // /bin/ps and /usr/bin/ps are one file on a merged-/usr system: check it once.
                if (!inodes.insert({st.st_dev, st.st_ino}).second) continue;
                scan_.binaries.push_back({path, "", "", ""});
            }
        }
    }

    PersistenceScan finish() {
        std::set<std::string> paths;
        for (const auto& f : scan_.startup) paths.insert(f.path);
        for (const auto& d : scan_.drops) paths.insert(d.path);
        for (const auto& b : scan_.binaries) paths.insert(b.path);
        auto dpkg = DpkgFiles::load(root_, paths);
        scan_.dpkg = dpkg.available();
        if (!scan_.dpkg)
            notes_.push_back(
                "no dpkg database (/var/lib/dpkg/info): package ownership and checksums not checked");
        for (auto& f : scan_.startup) f.owned = dpkg.owner(f.path).has_value();
        for (auto& d : scan_.drops) d.owned = dpkg.owner(d.path).has_value();
        for (auto& b : scan_.binaries) {
            b.package = dpkg.owner(b.path).value_or("");
            b.expected_md5 = dpkg.md5sum(b.path).value_or("");
            auto md5 = md5_file_hex(root_.path(b.path));
            // A replaced ps made huge (a sparse file) must not pass for unchecked: it differs from dpkg's.
            if (!md5 && errno == EFBIG) md5 = fmt::format("none: larger than {} MiB, not hashed", hash_file_max >> 20);
            b.actual_md5 = md5.value_or("");
        }
        return std::move(scan_);
    }

  private:
    const RootDir& root_;
    std::vector<std::string>& notes_;
    PersistenceScan scan_;
    std::set<std::string> seen_;
};

}  // namespace

PersistenceScan scan_persistence(const RootDir& root, const std::vector<std::string>& homes,
                                 std::vector<std::string>& notes) {
    Scanner s(root, notes);
    s.add_startup(StartupKind::crontab, "/etc/crontab");
    s.add_startup_dir(StartupKind::crontab, "/etc/cron.d");
    s.add_startup_dir(StartupKind::user_crontab, "/var/spool/cron/crontabs");
    s.add_startup_dir(StartupKind::user_crontab, "/var/spool/cron");  // the Red Hat layout
    for (const char* period : {"hourly", "daily", "weekly", "monthly"}) {
        s.add_startup_dir(StartupKind::cron_script, std::string("/etc/cron.") + period);
    }
    s.add_startup(StartupKind::rc_local, "/etc/rc.local");
    s.add_startup_dir(StartupKind::init_script, "/etc/init.d");
    s.add_startup(StartupKind::ld_preload, "/etc/ld.so.preload");

    std::vector<std::string> unit_dirs = {"/etc/systemd/system",           "/run/systemd/system",
                                          "/usr/local/lib/systemd/system", "/lib/systemd/system",
                                          "/usr/lib/systemd/system",       "/etc/systemd/user"};
    const size_t system_unit_dirs = unit_dirs.size();
    for (const auto& home : homes) unit_dirs.push_back(home + "/.config/systemd/user");
    for (size_t i = 0; i < unit_dirs.size(); ++i) {
        const auto& dir = unit_dirs[i];
        // files_in() lists no symlinks; O_NOFOLLOW keeps a user from swapping one in before the read.
        FinalLink link = i < system_unit_dirs ? FinalLink::follow : FinalLink::refuse;
        for (const auto& path : files_in(root, dir)) {
            if (path.ends_with(".service")) s.add_startup(StartupKind::systemd_unit, path, link);
        }
        for (const auto& drop_in : subdirs_in(root, dir, ".service.d")) {
            for (const auto& path : files_in(root, drop_in)) {
                if (path.ends_with(".conf")) s.add_startup(StartupKind::systemd_unit, path, link);
            }
        }
    }

    for (const char* path : {"/etc/profile", "/etc/bash.bashrc", "/etc/zsh/zshrc", "/etc/environment"}) {
        s.add_startup(StartupKind::shell_rc, path);
    }
    s.add_startup_dir(StartupKind::shell_rc, "/etc/profile.d");
    for (const auto& home : homes) {
        for (const char* name :
             {".bashrc", ".bash_profile", ".bash_login", ".profile", ".zshrc", ".zprofile"}) {
            s.add_startup(StartupKind::shell_rc, home + "/" + name, FinalLink::refuse);
        }
    }

    for (const auto& path : files_in(root, "/boot")) s.add_drop(path);
    for (const auto& path : files_in(root, "/lib/udev")) s.add_drop(path);
    s.add_drop("/lib/libudev.so");
    s.add_binaries();
    return s.finish();
}

}  // namespace ctguard
