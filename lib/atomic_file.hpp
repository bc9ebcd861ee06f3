#pragma once
// Writes a file so that readers see the old content or the new one, never half of it:
// temp file in the same directory, write, fsync, rename over the target, fsync the directory.
#include <sys/types.h>

#include <string>
#include <string_view>
#include <utility>

#include "lib/result.hpp"
#include "lib/unique_fd.hpp"

namespace ctguard {

// A new file in an open directory, under a random temporary name until commit() renames it. Opened
// with O_EXCL|O_NOFOLLOW and renamed with renameat() on the directory's fd, so a symlink planted in
// the directory is replaced, never followed. Removed again when it is dropped without commit().
class AtomicFile {
  public:
    // `shown` names the file in errors: "write SHOWN: why".
    static Result<AtomicFile> create(int dir_fd, std::string shown);
    AtomicFile(AtomicFile&& other) noexcept
        : dir_fd_(other.dir_fd_), shown_(std::move(other.shown_)), tmp_(std::exchange(other.tmp_, {})),
          fd_(std::move(other.fd_)) {}
    AtomicFile& operator=(AtomicFile&&) = delete;
    ~AtomicFile();

    Result<void> write(std::string_view bytes);
    // fchmod, fsync, rename to `name` in the directory, fsync the directory.
    Result<void> commit(const std::string& name, mode_t mode);

  private:
    AtomicFile(int dir_fd, std::string shown, std::string tmp, UniqueFd fd)
        : dir_fd_(dir_fd), shown_(std::move(shown)), tmp_(std::move(tmp)), fd_(std::move(fd)) {}
    Error failed(int err) const;

    int dir_fd_;
    std::string shown_;
    std::string tmp_;  // "" once committed
    UniqueFd fd_;
};

// `content` as `name` in the open directory `dir_fd`; `shown` names the file in errors.
Result<void> write_file_atomic_at(int dir_fd, const std::string& name, std::string_view content, mode_t mode,
                                  const std::string& shown);
// The same for a path; the parent directory is opened as the path says (symlinks followed).
Result<void> write_file_atomic(const std::string& path, std::string_view content, mode_t mode = 0644);

}  // namespace ctguard
