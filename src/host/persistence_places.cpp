#include "host/persistence_places.hpp"

#include <dirent.h>
#include <sys/stat.h>

#include <memory>

#include "lib/text.hpp"

namespace ctguard {

namespace {

constexpr off_t kMaxFileSize = 1 << 20;

void scan_file(const RootDir& root, const std::string& file, const std::vector<std::string>& needles,
               std::vector<PersistenceHit>& out) {
    struct stat st {};
    if (::stat(root.path(file).c_str(), &st) != 0 || !S_ISREG(st.st_mode) || st.st_size > kMaxFileSize)
        return;
    auto text = read_small_file(root.path(file));
    if (!text) return;
    for (const auto& n : needles) {
        if (!n.empty() && text->find(n) != std::string::npos) {
            out.push_back({file, n});
            return;
        }
    }
}

}  // namespace

const std::vector<std::string>& persistence_places() {
    static const std::vector<std::string> places = {"/etc/crontab",
                                                    "/etc/cron.d/",
                                                    "/etc/cron.hourly/",
                                                    "/etc/cron.daily/",
                                                    "/var/spool/cron/crontabs/",
                                                    "/etc/init.d/",
                                                    "/etc/rc.local",
                                                    "/etc/systemd/system/",
                                                    "/etc/systemd/system/multi-user.target.wants/",
                                                    "/lib/systemd/system/",
                                                    "/etc/ld.so.preload",
                                                    "/etc/profile.d/",
                                                    "/root/.bashrc",
                                                    "/root/.profile",
                                                    "/root/.ssh/authorized_keys"};
    return places;
}

std::vector<PersistenceHit> find_persistence(const RootDir& root, const std::vector<std::string>& needles) {
    std::vector<PersistenceHit> hits;
    for (const auto& place : persistence_places()) {
        if (place.back() != '/') {
            scan_file(root, place, needles, hits);
            continue;
        }
        std::unique_ptr<DIR, int (*)(DIR*)> dir(::opendir(root.path(place).c_str()), ::closedir);
        if (!dir) continue;
        while (dirent* e = ::readdir(dir.get())) {
            if (e->d_name[0] != '.') scan_file(root, place + e->d_name, needles, hits);
        }
    }
    return hits;
}

}  // namespace ctguard
