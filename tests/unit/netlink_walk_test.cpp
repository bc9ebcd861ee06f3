// for_each_message: the walk over one received datagram that ct_events, ct_dump, netlink_batch and
// the proc connector share.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <vector>

#include "lib/netlink_socket.hpp"

using namespace ctguard;

namespace {

// Messages of `lengths` (each at least a header) back to back, padded to NLMSG_ALIGN, the last one
// too unless `pad_last` is false.
std::vector<char> datagram(const std::vector<uint32_t>& lengths, bool pad_last = true) {
    std::vector<char> buf;
    for (size_t i = 0; i < lengths.size(); ++i) {
        nlmsghdr h{};
        h.nlmsg_len = lengths[i];
        h.nlmsg_seq = static_cast<uint32_t>(i);
        size_t at = buf.size();
        bool last = i + 1 == lengths.size();
        buf.resize(at + std::max<size_t>(sizeof h, last && !pad_last ? lengths[i] : NLMSG_ALIGN(lengths[i])));
        std::memcpy(buf.data() + at, &h, sizeof h);
    }
    return buf;
}

std::vector<uint32_t> walk(const std::vector<char>& buf) {
    std::vector<uint32_t> seqs;
    for_each_message(buf.data(), buf.size(), [&](const nlmsghdr* nlh) {
        seqs.push_back(nlh->nlmsg_seq);
        return true;
    });
    return seqs;
}

}  // namespace

TEST(NetlinkWalk, VisitsEveryMessageInOrder) {
    EXPECT_EQ(walk(datagram({16, 20, 23, 16})), (std::vector<uint32_t>{0, 1, 2, 3}));
    EXPECT_TRUE(walk({}).empty());
}

// The walks before for_each_message, on a last message of 17 bytes: NLMSG_NEXT subtracted its aligned
// 20 bytes from an unsigned remainder of 17, which wrapped, and NLMSG_OK let the walk read past the
// datagram (ASan: heap-buffer-overflow; fuzz/ct_message on the old walk hit it within 13,200 inputs).
TEST(NetlinkWalk, AnUnpaddedLastMessageEndsTheWalk) {
    auto buf = datagram({16, 17}, false);
    ASSERT_EQ(buf.size(), 33u);
    EXPECT_EQ(walk(buf), (std::vector<uint32_t>{0, 1}));
}

TEST(NetlinkWalk, ImpossibleLengthsEndTheWalk) {
    auto longer = datagram({16, 16});
    uint32_t too_long = 64;
    std::memcpy(longer.data() + 16, &too_long, sizeof too_long);  // claims more than is left
    EXPECT_EQ(walk(longer), (std::vector<uint32_t>{0}));
    auto shorter = datagram({16, 16});
    uint32_t too_short = 8;
    std::memcpy(shorter.data() + 16, &too_short, sizeof too_short);  // shorter than its own header
    EXPECT_EQ(walk(shorter), (std::vector<uint32_t>{0}));
    EXPECT_TRUE(walk(std::vector<char>(15)).empty());  // not even a header
}

TEST(NetlinkWalk, StopsWhenTold) {
    auto buf = datagram({16, 16, 16});
    int seen = 0;
    for_each_message(buf.data(), buf.size(), [&](const nlmsghdr*) { return ++seen < 2; });
    EXPECT_EQ(seen, 2);
}
