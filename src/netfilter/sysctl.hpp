#pragma once
// sysctl values through /proc/sys (relative to --root).
#include <cstdint>
#include <string>
#include <string_view>

#include "lib/result.hpp"
#include "lib/root_dir.hpp"

namespace ctguard {

// key in dotted or slashed form: "net.netfilter.nf_conntrack_max" or "net/netfilter/nf_conntrack_max".
Result<uint64_t> read_sysctl_u64(const RootDir& root, std::string_view key);
std::string sysctl_path(const RootDir& root, std::string_view key);

// Writes a number to a sysctl. EACCES/EPERM become exit 77, a value the kernel refuses (EINVAL) 64.
Result<void> write_sysctl_u64(const RootDir& root, std::string_view key, uint64_t value);
// The kernel makes nf_conntrack_max and nf_conntrack_buckets read-only (mode 0444) in every network
// namespace but the initial one: there the limit belongs to the host.
bool sysctl_read_only(const RootDir& root, std::string_view key);
// Writes a number to a /proc or /sys file of the tree (no temp file: these are not files on a disk).
Result<void> write_kernel_value(const RootDir& root, const std::string& file, uint64_t value);

}  // namespace ctguard
