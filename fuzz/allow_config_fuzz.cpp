// /etc/ctguard/allow.toml, parsed and validated (every mistake must be an Error, not a crash).
#include <string_view>

#include "config/allow_config.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    (void)ctguard::parse_allow_list(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.toml");
    return 0;
}
