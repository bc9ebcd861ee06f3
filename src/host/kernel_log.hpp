#pragma once
// The kernel log's records (/dev/kmsg, under --root), read without waiting for new ones, and whether
// this host is a virtual machine (/sys/class/dmi/id, /proc/cpuinfo, /sys/hypervisor).
#include <string>
#include <string_view>
#include <vector>

#include "model/drops.hpp"
#include "lib/result.hpp"
#include "lib/root_dir.hpp"
#include "lib/unique_fd.hpp"

namespace ctguard {

// Every record the kernel still holds that contains `containing` (all when empty), oldest first, one
// line each, at most `max_bytes` of them (the newest are kept when there are more). A
// character device (/dev/kmsg) or a regular file (a saved copy, in tests); anything else is refused.
Result<std::vector<std::string>> read_kernel_log(const RootDir& root, std::string_view containing = {},
                                                 size_t max_bytes = 8u << 20);

// The daemon's view: records added to the kernel log since open(), read each interval without
// waiting (the records already there are check's and status's business).
class KernelLogFollower {
  public:
    static Result<KernelLogFollower> open(const RootDir& root);
    // New records since the last call that contain `containing`, at most `max_bytes` of them (the newest).
    Result<std::vector<std::string>> read_new(std::string_view containing = {}, size_t max_bytes = 1u << 20);

  private:
    KernelLogFollower(UniqueFd fd, std::string path) : fd_(std::move(fd)), path_(std::move(path)) {}
    UniqueFd fd_;
    std::string path_;
};

VirtFacts read_virt_facts(const RootDir& root);

// Seconds since boot (/proc/uptime); 0 when unreadable.
double read_uptime(const RootDir& root);

}  // namespace ctguard
