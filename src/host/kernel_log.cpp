#include "host/kernel_log.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <deque>
#include <iterator>

#include "lib/text.hpp"
#include "lib/unique_fd.hpp"

namespace ctguard {

namespace {

std::string first_line(const std::string& path) {
    auto text = read_small_file(path);
    if (!text) return "";
    return std::string(trim(text->substr(0, text->find('\n'))));
}

// Opens the log without waiting: /dev/kmsg would otherwise block for the next record once the old
// ones are read. A character device (/dev/kmsg) or a regular file (a saved copy); nothing else.
Result<UniqueFd> open_log(const std::string& path) {
    UniqueFd fd(::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC));
    if (!fd.valid()) return Error::from_errno(path, errno);
    struct stat st;
    if (::fstat(fd.get(), &st) != 0) return Error::from_errno(path, errno);
    if (!S_ISCHR(st.st_mode) && !S_ISREG(st.st_mode))
        return Error::usage(path, "not the kernel log (neither a character device nor a file)");
    return fd;
}

// Every record from the file position on: /dev/kmsg gives one per read, a file many lines at once.
// Only those containing `containing` are kept (all when empty), as they are read: the log is often
// megabytes of other lines, and growing one string for all of it cost status a dozen page faults.
// The newest kept lines within `max_bytes` survive.
Result<std::vector<std::string>> read_records(int fd, const std::string& path, size_t max_bytes,
                                              std::string_view containing) {
    std::deque<std::string> kept;
    size_t kept_bytes = 0;
    auto keep = [&](std::string_view line) {
        if (line.empty() || line.find(containing) == std::string_view::npos) return;
        kept.emplace_back(line);
        kept_bytes += line.size();
        while (kept_bytes > max_bytes) {
            kept_bytes -= kept.front().size();
            kept.pop_front();
        }
    };
    std::string partial;    // a file's line cut by the end of a read
    bool too_long = false;  // the line being read is over the bound: skipped to its end
    char buf[8192];         // larger than a record (the kernel's limit is 1 KiB of text, escaped)
    for (;;) {
        ssize_t n = ::read(fd, buf, sizeof buf);
        if (n > 0) {
            std::string_view chunk(buf, static_cast<size_t>(n));
            for (size_t nl; (nl = chunk.find('\n')) != std::string_view::npos; chunk.remove_prefix(nl + 1)) {
                const auto end = chunk.substr(0, nl);
                if (!too_long) keep(partial.empty() ? end : std::string_view(partial.append(end)));
                partial.clear();
                too_long = false;
            }
            too_long = too_long || partial.size() + chunk.size() > max_bytes;
            if (too_long) partial.clear();
            else partial.append(chunk);
            continue;
        }
        if (n == 0 || errno == EAGAIN) break;
        if (errno == EINTR || errno == EPIPE) continue;  // EPIPE: records overwritten while reading
        return Error::from_errno(path, errno);
    }
    if (!too_long) keep(partial);
    return std::vector<std::string>(std::make_move_iterator(kept.begin()),
                                    std::make_move_iterator(kept.end()));
}

}  // namespace

Result<std::vector<std::string>> read_kernel_log(const RootDir& root, std::string_view containing,
                                                 size_t max_bytes) {
    const std::string path = root.path("/dev/kmsg");
    auto fd = open_log(path);
    if (!fd) return fd.error();
    return read_records(fd->get(), path, max_bytes, containing);
}

Result<KernelLogFollower> KernelLogFollower::open(const RootDir& root) {
    std::string path = root.path("/dev/kmsg");
    auto fd = open_log(path);
    if (!fd) return fd.error();
    // /dev/kmsg: SEEK_END moves past the records the kernel holds; a file: to its end.
    if (::lseek(fd->get(), 0, SEEK_END) < 0) return Error::from_errno(path, errno);
    return KernelLogFollower(std::move(*fd), std::move(path));
}

Result<std::vector<std::string>> KernelLogFollower::read_new(std::string_view containing, size_t max_bytes) {
    return read_records(fd_.get(), path_, max_bytes, containing);
}

VirtFacts read_virt_facts(const RootDir& root) {
    VirtFacts f;
    f.sys_vendor = first_line(root.path("/sys/class/dmi/id/sys_vendor"));
    f.product_name = first_line(root.path("/sys/class/dmi/id/product_name"));
    f.board_vendor = first_line(root.path("/sys/class/dmi/id/board_vendor"));
    f.hypervisor_type = first_line(root.path("/sys/hypervisor/type"));
    if (auto cpuinfo = read_small_file(root.path("/proc/cpuinfo"))) {
        for (auto line : split(*cpuinfo, '\n')) {
            if (!line.starts_with("flags")) continue;
            f.cpu_hypervisor_flag = (std::string(line) + " ").find(" hypervisor ") != std::string::npos;
            break;
        }
    }
    return f;
}

double read_uptime(const RootDir& root) {
    auto text = read_small_file(root.path("/proc/uptime"));
    if (!text) return 0;
    auto s = parse_seconds(trim(text->substr(0, text->find(' '))));
    return s ? *s : 0;
}

}  // namespace ctguard
