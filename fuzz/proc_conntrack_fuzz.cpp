// /proc/net/nf_conntrack, the fallback source: every line of the input through the line parser.
#include <string_view>

#include "lib/text.hpp"
#include "netfilter/proc_conntrack.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    ctguard::Flow flow;
    for (auto line : ctguard::split(text, '\n')) ctguard::parse_proc_conntrack_line(line, flow);
    return 0;
}
