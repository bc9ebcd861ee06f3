#include "lib/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>

#include "lib/unique_fd.hpp"

namespace ctguard {

namespace {

std::string parent_dir(const std::string& path) {
    auto slash = path.rfind('/');
    if (slash == std::string::npos) return ".";
    if (slash == 0) return "/";
    return path.substr(0, slash);
}

}  // namespace

Result<void> write_file_atomic(const std::string& path, std::string_view content, mode_t mode) {
    std::string tmp = path + ".ctguard-XXXXXX";
    UniqueFd fd(::mkostemp(tmp.data(), O_CLOEXEC));
    if (!fd.valid()) return Error::from_errno("write " + path, errno);

    auto fail = [&](const std::string& op) {
        int err = errno;
        ::unlink(tmp.c_str());
        return Error::from_errno(op + " " + path, err);
    };
    const char* p = content.data();
    size_t left = content.size();
    while (left > 0) {
        ssize_t n = ::write(fd.get(), p, left);
        if (n < 0) {
            if (errno == EINTR) continue;
            return fail("write");
        }
        p += n;
        left -= static_cast<size_t>(n);
    }
    if (::fchmod(fd.get(), mode) != 0) return fail("chmod");
    if (::fsync(fd.get()) != 0) return fail("fsync");
    fd.reset();
    if (::rename(tmp.c_str(), path.c_str()) != 0) return fail("rename");

    // The rename is durable only once the directory entry is on disk.
    UniqueFd dir(::open(parent_dir(path).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (dir.valid()) ::fsync(dir.get());
    return {};
}

}  // namespace ctguard
