// authorized_keys: options, key type, base64 blob (decoded for the fingerprint) and comment.
#include <string_view>

#include "host/authorized_keys.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    ctguard::parse_authorized_keys(std::string_view(reinterpret_cast<const char*>(data), size));
    return 0;
}
