// ctnetlink conntrack messages (dump answers and events): the bytes are one received datagram, walked
// as ct_events.cpp walks it, each message handed to the allocation-free decoder.
#include <cstring>
#include <vector>

#include "lib/netlink_socket.hpp"
#include "netfilter/ct_message.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    // A datagram lands in an aligned buffer; exactly `size` bytes of it, so ASan sees any read past.
    std::vector<char> buf(data, data + size);
    ctguard::Flow flow;
    ctguard::for_each_message(buf.data(), buf.size(), [&](const nlmsghdr* nlh) {
        ctguard::parse_ct_message(nlh, flow);
        ctguard::parse_ct_message(nlh, flow, ctguard::kFlowState);  // the skipping path of a narrow sink
        return true;
    });
    return 0;
}
