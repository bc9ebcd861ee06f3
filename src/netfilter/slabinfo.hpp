#pragma once
// /proc/slabinfo: how big one object of a kernel cache is (readable by root only).
#include <cstdint>
#include <optional>
#include <string_view>

#include "lib/root_dir.hpp"

namespace ctguard {

// Line format (slabinfo version 2.1):
//   # name <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab> : tunables ...
//   nf_conntrack        1440   1440    256   16    1 : tunables    0    0    0 : slabdata ...
std::optional<uint64_t> parse_slab_object_size(std::string_view text, std::string_view cache);
// nullopt when the file is unreadable (not root) or lacks the cache.
std::optional<uint64_t> read_slab_object_size(const RootDir& root, std::string_view cache);

}  // namespace ctguard
