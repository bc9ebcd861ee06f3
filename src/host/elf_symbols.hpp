#pragma once
// The functions an ELF shared library defines for others to call (its dynamic symbols), read the way
// the dynamic loader reads them: program headers and the PT_DYNAMIC segment, not section headers,
// which a stripped rootkit may not have. The file is an intruder's: every offset, size and count is
// checked against the image before use. ELF32 and ELF64 of this machine's byte order.
#include <string>
#include <string_view>
#include <vector>

#include "lib/result.hpp"

namespace ctguard {

// Names of the defined functions (STT_FUNC or STT_GNU_IFUNC, global or weak, not undefined), in
// symbol-table order. An error when the image is not an ELF shared object this machine could load or
// its dynamic table does not hold together.
Result<std::vector<std::string>> elf_defined_functions(std::string_view image);

}  // namespace ctguard
