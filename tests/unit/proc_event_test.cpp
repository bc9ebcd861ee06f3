// parse_proc_event: one proc connector message, as the kernel's cn_proc sends it.
#include <gtest/gtest.h>
#include <linux/cn_proc.h>
#include <linux/connector.h>

#include <cstring>
#include <vector>

#include "host/proc_connector.hpp"

using namespace ctguard;

namespace {

std::vector<char> message(const proc_event& ev, uint32_t idx = CN_IDX_PROC, size_t cut = 0) {
    std::vector<char> buf(NLMSG_LENGTH(sizeof(cn_msg) + sizeof ev));
    auto* nlh = reinterpret_cast<nlmsghdr*>(buf.data());
    nlh->nlmsg_len = static_cast<uint32_t>(buf.size() - cut);
    auto* msg = static_cast<cn_msg*>(NLMSG_DATA(nlh));
    msg->id.idx = idx;
    msg->id.val = CN_VAL_PROC;
    msg->len = sizeof ev;
    std::memcpy(msg->data, &ev, sizeof ev);
    return buf;
}

std::optional<ProcEvent> parse(const std::vector<char>& buf) {
    return parse_proc_event(reinterpret_cast<const nlmsghdr*>(buf.data()));
}

}  // namespace

TEST(ProcEvent, ForkExecCommExitOfProcesses) {
    proc_event ev{};
    ev.what = proc_event::PROC_EVENT_FORK;
    ev.event_data.fork.parent_tgid = 1;
    ev.event_data.fork.child_pid = ev.event_data.fork.child_tgid = 4242;
    auto fork = parse(message(ev));
    ASSERT_TRUE(fork);
    EXPECT_EQ(fork->type, ProcEvent::Type::fork);
    EXPECT_EQ(fork->pid, 4242);
    EXPECT_EQ(fork->parent, 1);

    ev = {};
    ev.what = proc_event::PROC_EVENT_COMM;
    ev.event_data.comm.process_pid = ev.event_data.comm.process_tgid = 4242;
    std::memset(ev.event_data.comm.comm, 'x', sizeof ev.event_data.comm.comm);  // no terminating NUL
    auto comm = parse(message(ev));
    ASSERT_TRUE(comm);
    EXPECT_EQ(comm->comm, std::string(sizeof ev.event_data.comm.comm, 'x'));

    ev = {};
    ev.what = proc_event::PROC_EVENT_EXIT;
    ev.event_data.exit.process_pid = ev.event_data.exit.process_tgid = 4242;
    EXPECT_EQ(parse(message(ev))->type, ProcEvent::Type::exit);
}

TEST(ProcEvent, ThreadsOtherConnectorsAndShortMessagesAreSkipped) {
    proc_event ev{};
    ev.what = proc_event::PROC_EVENT_FORK;
    ev.event_data.fork.child_pid = 4243;  // a thread of 4242
    ev.event_data.fork.child_tgid = 4242;
    EXPECT_FALSE(parse(message(ev)));
    ev.event_data.fork.child_pid = 4242;
    EXPECT_TRUE(parse(message(ev)));
    EXPECT_FALSE(parse(message(ev, CN_IDX_PROC + 1)));
    EXPECT_FALSE(parse(message(ev, CN_IDX_PROC, 1)));  // one byte short of a whole proc_event
    ev.what = proc_event::PROC_EVENT_UID;
    EXPECT_FALSE(parse(message(ev)));
}
