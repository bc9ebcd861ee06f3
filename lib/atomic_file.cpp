#include "lib/atomic_file.hpp"

#include <fcntl.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "lib/text.hpp"

namespace ctguard {

namespace {

std::string random_suffix() {
    static const char chars[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    unsigned char bytes[8] = {};
    // getrandom() of 8 bytes does not block once the pool is initialised (any running system).
    if (::getrandom(bytes, sizeof bytes, 0) != sizeof bytes) return "tmp";
    std::string out;
    for (unsigned char b : bytes) out.push_back(chars[b % (sizeof chars - 1)]);
    return out;
}

}  // namespace

Result<AtomicFile> AtomicFile::create(int dir_fd, std::string shown) {
    for (int attempt = 0; attempt < 10; ++attempt) {
        std::string tmp = ".ctguard-" + random_suffix();
        int fd = ::openat(dir_fd, tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
        if (fd >= 0) return AtomicFile(dir_fd, std::move(shown), std::move(tmp), UniqueFd(fd));
        if (errno != EEXIST) return Error::from_errno("write " + shown, errno);
    }
    return Error::from_errno("write " + shown, EEXIST);
}

AtomicFile::~AtomicFile() {
    fd_.reset();
    if (!tmp_.empty()) ::unlinkat(dir_fd_, tmp_.c_str(), 0);
}

Error AtomicFile::failed(int err) const { return Error::from_errno("write " + shown_, err); }

Result<void> AtomicFile::write(std::string_view bytes) {
    const char* p = bytes.data();
    size_t left = bytes.size();
    while (left > 0) {
        ssize_t n = ::write(fd_.get(), p, left);
        if (n < 0) {
            if (errno == EINTR) continue;
            return failed(errno);
        }
        p += n;
        left -= static_cast<size_t>(n);
    }
    return {};
}

Result<void> AtomicFile::commit(const std::string& name, mode_t mode) {
    if (::fchmod(fd_.get(), mode) != 0 || ::fsync(fd_.get()) != 0) return failed(errno);
    fd_.reset();
    if (::renameat(dir_fd_, tmp_.c_str(), dir_fd_, name.c_str()) != 0) return failed(errno);
    tmp_.clear();
    // The rename is durable only once the directory entry is on disk.
    ::fsync(dir_fd_);
    return {};
}

Result<void> write_file_atomic_at(int dir_fd, const std::string& name, std::string_view content, mode_t mode,
                                  const std::string& shown) {
    auto file = AtomicFile::create(dir_fd, shown);
    if (!file) return file.error();
    if (auto w = file->write(content); !w) return w;
    return file->commit(name, mode);
}

Result<void> write_file_atomic(const std::string& path, std::string_view content, mode_t mode) {
    auto [dir, name] = split_dir_name(path);
    UniqueFd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!fd.valid()) return Error::from_errno("write " + path, errno);
    return write_file_atomic_at(fd.get(), name, content, mode, path);
}

}  // namespace ctguard
