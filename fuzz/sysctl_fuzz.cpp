// sysctl.d(5) files: comments, assignments (keys in dot or slash form), exclusions, broken lines.
#include <string_view>

#include "analysis/sysctl_conf.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    ctguard::parse_sysctl_text(std::string_view(reinterpret_cast<const char*>(data), size));
    return 0;
}
