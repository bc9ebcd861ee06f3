// sshd_config: every line through the line parser, then the whole reader (Include, Match) on the input
// as /etc/ssh/sshd_config and as a drop-in, both given as overlay files under a root that does not
// exist, so Include patterns (even "../../*") can only reach the input itself, never the disk.
#include <string>
#include <string_view>

#include "host/sshd_config.hpp"
#include "lib/text.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    for (auto line : ctguard::split(text, '\n')) ctguard::split_sshd_line(line);

    const ctguard::RootDir nowhere{"/nonexistent/ctguard-fuzz"};
    const ctguard::SshdOverlay files{{ctguard::kSshdConfigPath, std::string(text)},
                                     {"/etc/ssh/sshd_config.d/fuzz.conf", std::string(text)}};
    ctguard::read_sshd_config(nowhere, ctguard::kSshdConfigPath, files);
    return 0;
}
