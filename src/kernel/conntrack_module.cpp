#include "kernel/conntrack_module.hpp"

#include <unistd.h>

#include "kernel/sysctl.hpp"

namespace ctguard {

bool conntrack_builtin(const RootDir& root) {
    return access(root.path("/sys/module/nf_conntrack").c_str(), F_OK) == 0 &&
           access(root.path("/sys/module/nf_conntrack/initstate").c_str(), F_OK) != 0;
}

Result<void> write_hashsize(const RootDir& root, uint64_t buckets) {
    return write_kernel_value(root.path("/sys/module/nf_conntrack/parameters/hashsize"), buckets);
}

}  // namespace ctguard
