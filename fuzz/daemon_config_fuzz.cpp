// The daemon's TOML configuration, parsed and validated (every mistake must be an Error, not a crash).
#include <string_view>

#include "config/daemon_config.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    (void)ctguard::parse_daemon_config(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.toml");
    return 0;
}
