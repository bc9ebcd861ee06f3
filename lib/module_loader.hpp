#pragma once
// Modules of ours (shared objects loaded with dlopen) for what only some commands need: a library
// linked into the binary is mapped and relocated at every start of every command, and `status` is
// meant to start about as fast as `conntrack -C`. The boundary is plain C (the binary has libstdc++
// linked in statically): each module's ABI header says what crosses it.
#include <string>

#include "lib/result.hpp"

namespace ctguard {

// The entry point `entry` of module `file`, from next to the binary (the build directory) or
// lib/ctguard beside the sbin/ it is installed in, both found from /proc/self/exe: no path comes from
// the environment or the working directory, so the module is as trusted as the binary. `path`
// overrides the search (tests). dlopen loads a file once per process, and it stays loaded. Errors
// name `what` (the feature that needs it).
Result<void*> load_module_entry(const std::string& file, const char* entry, const std::string& what,
                                const std::string& path = "");

}  // namespace ctguard
