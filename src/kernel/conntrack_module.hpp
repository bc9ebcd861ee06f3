#pragma once
// The nf_conntrack module itself (/sys/module/nf_conntrack, relative to --root).
#include <cstdint>

#include "kernel/root_dir.hpp"
#include "lib/result.hpp"

namespace ctguard {

// Built into the kernel: /sys/module/nf_conntrack exists (for its parameters) without the initstate
// file every loadable module has.
bool conntrack_builtin(const RootDir& root);

// Resizes the hash table live (parameters/hashsize; the kernel rehashes every entry).
Result<void> write_hashsize(const RootDir& root, uint64_t buckets);

}  // namespace ctguard
