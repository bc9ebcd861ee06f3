// A library LD_PRELOAD names is the intruder's file: its ELF header, program headers, dynamic table,
// hash tables and symbol names are all chosen by whoever wrote it. And /proc/PID/maps, whose paths
// anyone who names a file writes.
#include <string_view>

#include "host/elf_symbols.hpp"
#include "host/preloaded_libraries.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view bytes(reinterpret_cast<const char*>(data), size);
    (void)ctguard::elf_defined_functions(bytes);
    ctguard::parse_maps(bytes);
    return 0;
}
