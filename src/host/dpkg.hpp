#pragma once
// What dpkg installed: owners from /var/lib/dpkg/info/*.list and the conffiles in /var/lib/dpkg/status,
// checksums from *.md5sums (under --root). The one reader of the database: `procs` (is a process's
// binary packaged?) and `audit` (who installed this startup file, is this ps the packaged one?) ask it
// the same way, so they never disagree.
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "lib/root_dir.hpp"

namespace ctguard {

// The three formats, parsed without touching the disk (the views point into `text`).
// A *.list file: one absolute path per line, "/usr/bin/ps".
std::vector<std::string_view> parse_dpkg_list(std::string_view text);

struct DpkgConffile {
    std::string_view package;
    std::string_view path;
};
// The conffiles of every package in /var/lib/dpkg/status:
//   Package: apache2
//   Conffiles:
//    /etc/init.d/apache2 87b4ba5d6cd1e1c0c9b2a1cd8c3e2b4b
std::vector<DpkgConffile> parse_dpkg_conffiles(std::string_view status);

struct DpkgChecksum {
    std::string_view md5;
    std::string path;  // absolute: the file's path has no leading '/'
};
// A *.md5sums file: "08a07e7517a09d2f40e2618eff4adf22  bin/ps" per line; other lines are skipped.
std::vector<DpkgChecksum> parse_dpkg_md5sums(std::string_view text);

class DpkgFiles {
  public:
    // Reads every *.list and the status file once, keeping only the owners of `paths` (absolute paths on
    // the audited system).
    static DpkgFiles load(const RootDir& root, const std::set<std::string>& paths);

    bool available() const { return available_; }  // false: no dpkg database (not Debian?)
    // The package that installed `path`, or nullopt when none did.
    std::optional<std::string> owner(const std::string& path) const;
    // The md5 dpkg recorded for `path` in its package's *.md5sums, or nullopt.
    std::optional<std::string> md5sum(const std::string& path) const;

  private:
    RootDir root_;
    bool available_ = false;
    // The top directories that are links into /usr (merged /usr: /bin -> usr/bin): a package may list
    // /bin/sh while the kernel reports /usr/bin/sh, and both are one file.
    std::vector<std::string> merged_;
    std::map<std::string, std::string> owners_;  // canonical path -> package ("libc6:amd64" style)

    // `path` with a merged top directory spelled under /usr.
    std::string canonical(const std::string& path) const;
};

}  // namespace ctguard
