#pragma once
// Helpers to load the recorded kernel data in tests/data (captured by tests/data/README.md's recipe).
#include <linux/netlink.h>

#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "netfilter/ct_message.hpp"

namespace ctguard::testing {

inline std::string read_data(const std::string& name) {
    std::ifstream in(std::string(CTGUARD_TEST_DATA) + "/" + name, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

// The raw ctnetlink dump messages, back to back as the kernel sent them.
inline std::vector<std::string> recorded_messages() {
    std::string all = read_data("ctnetlink_dump.bin");
    std::vector<std::string> out;
    size_t off = 0;
    while (off + sizeof(nlmsghdr) <= all.size()) {
        const auto* nlh = reinterpret_cast<const nlmsghdr*>(all.data() + off);
        out.emplace_back(all.data() + off, nlh->nlmsg_len);
        off += NLMSG_ALIGN(nlh->nlmsg_len);
    }
    return out;
}

inline std::vector<Flow> recorded_flows() {
    std::vector<Flow> flows;
    for (const auto& m : recorded_messages()) {
        Flow f;
        if (parse_ct_message(reinterpret_cast<const nlmsghdr*>(m.data()), f)) flows.push_back(f);
    }
    return flows;
}

}  // namespace ctguard::testing
