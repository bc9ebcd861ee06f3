#pragma once
// sysctl values through /proc/sys (relative to --root).
#include <cstdint>
#include <string_view>

#include "kernel/root_dir.hpp"
#include "lib/result.hpp"

namespace ctguard {

// key in dotted or slashed form: "net.netfilter.nf_conntrack_max" or "net/netfilter/nf_conntrack_max".
Result<uint64_t> read_sysctl_u64(const RootDir& root, std::string_view key);
std::string sysctl_path(const RootDir& root, std::string_view key);

}  // namespace ctguard
