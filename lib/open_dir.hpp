#pragma once
// Directories opened so that a symlink cannot send a write somewhere else: openat2(2) (Linux 5.6) from
// the tree's top, one component at a time, creating the missing ones.
#include <sys/types.h>

#include <string>
#include <string_view>

#include "lib/result.hpp"
#include "lib/root_dir.hpp"
#include "lib/unique_fd.hpp"

namespace ctguard {

enum class Symlinks {
    // Resolved as if the tree's top were "/" (RESOLVE_IN_ROOT): an image's /etc/x -> /srv/y means
    // ROOT/srv/y, and "../../.." stops at ROOT. For --root trees: a write never leaves the tree.
    in_root,
    // Any symlink on the way is refused (RESOLVE_NO_SYMLINKS): for directories we own, such as
    // the evidence directory, where a link could only have been planted.
    refuse,
};

// Opens the absolute `path` of the tree `root` as a directory, creating missing components with
// `create_mode` (0: create nothing). Errors are one line: which component, and why.
Result<UniqueFd> open_dir(const RootDir& root, std::string_view path, Symlinks links, mode_t create_mode = 0);

// write_file_atomic() for a path of the tree `root`: its directory is opened with Symlinks::in_root
// (made 0755 when missing) and the file written there, so neither can lead out of the tree.
Result<void> write_file_in_root(const RootDir& root, const std::string& path, std::string_view content,
                                mode_t mode);

// open(2) of a file of the tree (no O_CREAT), resolved as Symlinks::in_root: a kernel file in a --root
// tree (proc/sys/...) linked to /etc/passwd opens the tree's etc/passwd, never the host's.
Result<UniqueFd> open_in_root(const RootDir& root, const std::string& path, int flags);

// unlink(2) of a path of the tree, its directory opened as write_file_in_root() does (not created); a
// file that is not there is no error.
Result<void> remove_file_in_root(const RootDir& root, const std::string& path);

}  // namespace ctguard
