#include "host/process_control.hpp"

#include <signal.h>

#include <cerrno>

#include "lib/text.hpp"

namespace ctguard {

Result<void> send_signal(int pid, int sig) {
    if (pid <= 1) return Error::internal("kill", "refusing to signal pid " + std::to_string(pid));
    if (::kill(pid, sig) != 0 && errno != ESRCH) {
        return Error::from_errno("kill " + std::to_string(pid), errno,
                                 "stopping other users' processes needs root");
    }
    return {};
}

Result<std::string> read_running_binary(const RootDir& root, int pid) {
    std::string path = root.path("/proc/" + std::to_string(pid) + "/exe");
    auto bytes = read_small_file(path);
    if (!bytes) return Error::from_errno(path, errno);
    return std::move(*bytes);
}

}  // namespace ctguard
