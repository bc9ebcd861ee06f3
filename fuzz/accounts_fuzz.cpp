// /etc/passwd, /etc/shadow and /etc/group as the audit reads them.
#include <string_view>

#include "host/accounts.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    ctguard::parse_passwd(text);
    ctguard::parse_shadow(text);
    ctguard::parse_group(text);
    return 0;
}
