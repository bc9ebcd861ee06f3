#pragma once
// The libraries a process's LD_PRELOAD put into it, as it has them mapped, and which functions of a
// given list each one defines (a userland rootkit replaces readdir and fopen to hide itself).
#include <string>
#include <string_view>
#include <vector>

#include "lib/root_dir.hpp"
#include "model/process.hpp"

namespace ctguard {

struct MappedFile {
    std::string range;  // "7f3c2a000000-7f3c2a021000", the name of its /proc/PID/map_files entry
    std::string path;   // as the kernel names it, " (deleted)" kept
};
// The file-backed mappings of /proc/PID/maps, in order ("START-END PERMS OFFSET DEV INODE PATH").
std::vector<MappedFile> parse_maps(std::string_view maps);

// Each LD_PRELOAD entry of process `pid`, found among its mappings by path (a bare name by file name),
// read through /proc/PID/map_files: the object the process runs, even when its path now holds another
// file. `hooks` are those of `wanted` the library defines; `note` says why it could not be read.
std::vector<PreloadedLibrary> read_preloaded_libraries(const RootDir& root, int pid,
                                                       std::string_view ld_preload,
                                                       const std::vector<std::string_view>& wanted);

}  // namespace ctguard
