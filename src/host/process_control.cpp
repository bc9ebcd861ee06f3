#include "host/process_control.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <vector>

#include "lib/atomic_file.hpp"
#include "lib/digest.hpp"

namespace ctguard {

namespace {

// Debian 12's <sys/pidfd.h> (glibc 2.36) declares these without extern "C", so C++ cannot link them.
int pidfd_open(int pid) { return static_cast<int>(::syscall(SYS_pidfd_open, pid, 0)); }
int pidfd_send_signal(int pidfd, int sig) {
    return static_cast<int>(::syscall(SYS_pidfd_send_signal, pidfd, sig, nullptr, 0));
}

}  // namespace

Result<std::optional<UniqueFd>> open_pidfd(int pid) {
    if (pid <= 1) return Error::internal("kill", "refusing to signal pid " + std::to_string(pid));
    int fd = pidfd_open(pid);
    if (fd < 0) {
        if (errno == ESRCH) return std::optional<UniqueFd>();
        if (errno == ENOSYS) return Error::unavailable("pidfd_open", "needs Linux 5.3 or later");
        return Error::from_errno("pidfd_open " + std::to_string(pid), errno);
    }
    return std::optional<UniqueFd>(UniqueFd(fd));
}

Result<void> signal_pidfd(const UniqueFd& pidfd, int pid, int sig) {
    if (pidfd_send_signal(pidfd.get(), sig) != 0 && errno != ESRCH) {
        return Error::from_errno("kill " + std::to_string(pid), errno, "stopping other users' processes needs root");
    }
    return {};
}

bool wait_exited(const std::vector<const UniqueFd*>& pidfds, int timeout_ms) {
    std::vector<pollfd> fds;
    for (const UniqueFd* p : pidfds) fds.push_back({p->get(), POLLIN, 0});
    const auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    while (true) {
        // A pidfd polls readable once its process has exited; those are dropped from the set.
        std::erase_if(fds, [](const pollfd& f) { return (f.revents & (POLLIN | POLLHUP)) != 0; });
        if (fds.empty()) return true;
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(end - std::chrono::steady_clock::now());
        if (left.count() <= 0) return false;
        if (::poll(fds.data(), fds.size(), static_cast<int>(left.count())) < 0 && errno != EINTR) return false;
    }
}

Result<RunningBinary> open_running_binary(int pid) {
    // Followed on purpose: /proc/PID/exe is the kernel's link to the inode the process runs, which its
    // owner cannot point anywhere else (unlike a link they plant in a directory).
    std::string path = "/proc/" + std::to_string(pid) + "/exe";
    RunningBinary b;
    b.fd = UniqueFd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK));
    if (!b.fd.valid()) return Error::from_errno("open " + path, errno);
    struct stat st {};
    if (::fstat(b.fd.get(), &st) != 0) return Error::from_errno("stat " + path, errno);
    if (!S_ISREG(st.st_mode)) return Error::unavailable(path, "not a regular file");
    b.dev = st.st_dev;
    b.inode = st.st_ino;
    b.size = static_cast<uint64_t>(st.st_size);
    return b;
}

Result<BinaryCopy> copy_binary(RunningBinary& from, int dir_fd, const std::string& shown_dir, uint64_t max_bytes) {
    auto file = AtomicFile::create(dir_fd, shown_dir);
    if (!file) return file.error();
    BinaryCopy c;
    c.size = from.size;
    Sha256 hash;
    std::string buf(1 << 16, '\0');
    while (c.kept < max_bytes) {
        size_t want = static_cast<size_t>(std::min<uint64_t>(buf.size(), max_bytes - c.kept));
        ssize_t n = ::read(from.fd.get(), buf.data(), want);
        if (n < 0) {
            if (errno == EINTR) continue;
            return Error::from_errno("read the binary", errno);
        }
        if (n == 0) break;
        std::string_view piece(buf.data(), static_cast<size_t>(n));
        hash.update(piece);
        if (auto w = file->write(piece); !w) return w.error();
        c.kept += static_cast<uint64_t>(n);
    }
    // Cut when the cap stopped the copy before the end (the size may have grown since fstat).
    char probe;
    c.cut = c.kept >= max_bytes && ::read(from.fd.get(), &probe, 1) == 1;
    c.sha256 = hash.hex();
    c.name = c.cut ? c.sha256 + ".first-" + std::to_string(max_bytes >> 20) + "MiB.bin" : c.sha256 + ".bin";
    if (auto ok = file->commit(c.name, 0400); !ok) return ok.error();
    return c;
}

}  // namespace ctguard
