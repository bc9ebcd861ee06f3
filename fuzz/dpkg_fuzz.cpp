// The dpkg database: a *.list file, the Conffiles of /var/lib/dpkg/status and a *.md5sums file; and
// Alpine's /lib/apk/db/installed (a container's, so written by whoever built its image).
#include <string_view>

#include "host/dpkg.hpp"
#include "host/package_owner.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    ctguard::parse_dpkg_list(text);
    ctguard::parse_dpkg_conffiles(text);
    ctguard::parse_dpkg_md5sums(text);
    ctguard::parse_apk_installed(text);
    return 0;
}
