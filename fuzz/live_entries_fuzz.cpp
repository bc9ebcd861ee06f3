// The daemon's "entries" answer as `check` reads it: a header line and fixed-size records, from a
// socket whose other end may be anything that got to /run/ctguard first or a daemon gone wrong.
#include <string>
#include <string_view>

#include "daemon/live_entries_wire.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view bytes(reinterpret_cast<const char*>(data), size);
    const size_t nl = bytes.find('\n');
    if (nl == std::string_view::npos) return 0;
    auto header = ctguard::parse_live_entries_header(bytes.substr(0, nl));
    if (!header) return 0;
    auto received = ctguard::ReceivedEntries::check(*header, std::string(bytes.substr(nl + 1)));
    if (received) {
        struct Count : ctguard::FlowSink {
            size_t n = 0;
            void on_flow(const ctguard::Flow&) override { ++n; }
        } count;
        received->replay(count);
    }
    return 0;
}
