#include "host/preloaded_libraries.hpp"

#include <algorithm>

#include "host/elf_symbols.hpp"
#include "lib/text.hpp"

namespace ctguard {

namespace {

constexpr size_t kMapsMax = 16u << 20;     // a large JVM's maps is a few MiB
constexpr size_t kLibraryMax = 64u << 20;  // libc is 2 MiB; a library larger than this is not read

// maps prints addresses zero-padded to 8 digits; map_files names them without the padding.
std::string_view unpadded(std::string_view hex) {
    while (hex.size() > 1 && hex[0] == '0') hex.remove_prefix(1);
    return hex;
}

}  // namespace

std::vector<MappedFile> parse_maps(std::string_view maps) {
    std::vector<MappedFile> out;
    for (auto line : split(maps, '\n')) {
        // Five fields, then the path after the padding; anonymous mappings have none.
        std::string_view rest = line;
        std::string_view range;
        for (int field = 0; field < 5; ++field) {
            rest = rest.substr(std::min(rest.size(), rest.find_first_not_of(' ')));
            const size_t end = std::min(rest.size(), rest.find(' '));
            if (field == 0) range = rest.substr(0, end);
            rest.remove_prefix(end);
        }
        rest = rest.substr(std::min(rest.size(), rest.find_first_not_of(' ')));
        const size_t dash = range.find('-');
        if (!rest.starts_with('/') || dash == std::string_view::npos) continue;
        out.push_back({std::string(unpadded(range.substr(0, dash))) + "-" +
                           std::string(unpadded(range.substr(dash + 1))),
                       std::string(rest)});
    }
    return out;
}

std::vector<PreloadedLibrary> read_preloaded_libraries(const RootDir& root, int pid,
                                                       std::string_view ld_preload,
                                                       const std::vector<std::string_view>& wanted) {
    const std::string proc = root.path("/proc/" + std::to_string(pid));
    auto maps_text = read_small_file(proc + "/maps", kMapsMax);
    const int maps_errno = errno;
    const auto maps = maps_text ? parse_maps(*maps_text) : std::vector<MappedFile>{};
    std::vector<PreloadedLibrary> out;
    for (auto entry : preload_entries(ld_preload)) {
        PreloadedLibrary& lib = out.emplace_back();
        lib.path = std::string(entry);
        if (!maps_text) {
            lib.note = "its memory map is not readable: " + small_file_error(maps_errno, kMapsMax);
            continue;
        }
        const bool bare = entry.find('/') == std::string_view::npos;
        auto mapped = std::find_if(maps.begin(), maps.end(), [&](const MappedFile& m) {
            return m.path == entry || (bare && base_name(m.path) == entry);
        });
        if (mapped == maps.end()) {
            lib.note = "not loaded (the process has no mapping of it)";
            continue;
        }
        lib.path = mapped->path;
        auto image = read_small_file(proc + "/map_files/" + mapped->range, kLibraryMax);
        if (!image) {
            lib.note = "not read: " + small_file_error(errno, kLibraryMax);
            continue;
        }
        auto functions = elf_defined_functions(*image);
        if (!functions) {
            lib.note = "not read: " + functions.error().why;
            continue;
        }
        for (const auto& f : *functions) {
            // A name can be there twice, under two symbol versions.
            const bool want = std::find(wanted.begin(), wanted.end(), f) != wanted.end();
            if (want && std::find(lib.hooks.begin(), lib.hooks.end(), f) == lib.hooks.end())
                lib.hooks.push_back(f);
        }
    }
    return out;
}

}  // namespace ctguard
