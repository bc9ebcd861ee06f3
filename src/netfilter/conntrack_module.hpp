#pragma once
// The nf_conntrack module itself (/sys/module/nf_conntrack, relative to --root).
#include <cstdint>

#include "lib/result.hpp"
#include "lib/root_dir.hpp"
#include "model/limit_report.hpp"

namespace ctguard {

// Built into the kernel: /sys/module/nf_conntrack exists (for its parameters) without the initstate
// file every loadable module has.
bool conntrack_builtin(const RootDir& root);

// Resizes the hash table live (parameters/hashsize; the kernel rehashes every entry).
Result<void> write_hashsize(const RootDir& root, uint64_t buckets);

// Whether nf_conntrack is in the kernel before systemd-sysctl runs (built in, or loaded by modules-load.d).
Result<ModuleAtBoot> read_module_at_boot(const RootDir& root);

}  // namespace ctguard
