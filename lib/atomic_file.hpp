#pragma once
// Writes a file so that readers see the old content or the new one, never half of it:
// temp file in the same directory, write, fsync, rename over the target, fsync the directory.
#include <sys/types.h>
#include <string>
#include <string_view>

#include "lib/result.hpp"

namespace ctguard {

Result<void> write_file_atomic(const std::string& path, std::string_view content, mode_t mode = 0644);

}  // namespace ctguard
