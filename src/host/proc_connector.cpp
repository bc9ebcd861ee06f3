#include "host/proc_connector.hpp"

#include <fcntl.h>
#include <libmnl/libmnl.h>
#include <linux/cn_proc.h>
#include <linux/connector.h>
#include <sched.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <thread>

#include "lib/unique_fd.hpp"

namespace ctguard {

namespace {

// The initial network namespace: pid 1's, or kthreadd's (pid 2; kernel threads always live there)
// when a sandbox keeps us from pid 1's.
UniqueFd open_initial_netns() {
    for (const char* path : {"/proc/1/ns/net", "/proc/2/ns/net"}) {
        UniqueFd fd(::open(path, O_RDONLY | O_CLOEXEC));
        if (fd.valid()) return fd;
    }
    return UniqueFd();
}

bool same_namespace(int fd, const char* path) {
    struct stat a {
    }, b{};
    return ::fstat(fd, &a) == 0 && ::stat(path, &b) == 0 && a.st_ino == b.st_ino && a.st_dev == b.st_dev;
}

Result<NetlinkSocket> open_socket() {
    auto sock = NetlinkSocket::open(CN_IDX_PROC, NETLINK_CONNECTOR);
    if (!sock) return sock.error();
    // Subscribe: a connector message addressed to the proc connector carrying PROC_CN_MCAST_LISTEN.
    alignas(nlmsghdr) char buf[NLMSG_SPACE(sizeof(cn_msg) + sizeof(uint32_t))] = {};
    auto* nlh = reinterpret_cast<nlmsghdr*>(buf);
    nlh->nlmsg_len = sizeof buf;
    nlh->nlmsg_type = NLMSG_DONE;
    nlh->nlmsg_pid = sock->portid();
    auto* msg = static_cast<cn_msg*>(NLMSG_DATA(nlh));
    msg->id.idx = CN_IDX_PROC;
    msg->id.val = CN_VAL_PROC;
    msg->len = sizeof(uint32_t);
    const uint32_t op = PROC_CN_MCAST_LISTEN;
    std::memcpy(msg->data, &op, sizeof op);
    if (auto r = sock->send(buf, sizeof buf, "proc connector subscribe"); !r) return r.error();
    sock->set_receive_buffer(8 << 20);
    int flags = ::fcntl(sock->fd(), F_GETFL);
    ::fcntl(sock->fd(), F_SETFL, flags | O_NONBLOCK);
    return sock;
}

}  // namespace

std::optional<ProcEvent> parse_proc_event(const nlmsghdr* nlh) {
    if (nlh->nlmsg_len < NLMSG_LENGTH(sizeof(cn_msg))) return std::nullopt;
    const auto* msg = static_cast<const cn_msg*>(NLMSG_DATA(nlh));
    if (msg->id.idx != CN_IDX_PROC || msg->len < sizeof(proc_event) ||
        nlh->nlmsg_len < NLMSG_LENGTH(sizeof(cn_msg) + sizeof(proc_event))) {
        return std::nullopt;
    }
    proc_event ev;
    std::memcpy(&ev, msg->data, sizeof ev);
    switch (ev.what) {
        case proc_event::PROC_EVENT_FORK:
            // Threads are forks too; only new processes (pid == tgid) matter.
            if (ev.event_data.fork.child_pid != ev.event_data.fork.child_tgid) return std::nullopt;
            return ProcEvent{ProcEvent::Type::fork, ev.event_data.fork.child_tgid, ev.event_data.fork.parent_tgid, {}};
        case proc_event::PROC_EVENT_EXEC:
            return ProcEvent{ProcEvent::Type::exec, ev.event_data.exec.process_tgid, 0, {}};
        case proc_event::PROC_EVENT_COMM: {
            if (ev.event_data.comm.process_pid != ev.event_data.comm.process_tgid) return std::nullopt;
            const char* c = ev.event_data.comm.comm;
            return ProcEvent{ProcEvent::Type::comm, ev.event_data.comm.process_tgid, 0,
                             std::string(c, strnlen(c, sizeof ev.event_data.comm.comm))};
        }
        case proc_event::PROC_EVENT_EXIT:
            if (ev.event_data.exit.process_pid != ev.event_data.exit.process_tgid) return std::nullopt;
            return ProcEvent{ProcEvent::Type::exit, ev.event_data.exit.process_tgid, 0, {}};
        default:
            return std::nullopt;
    }
}

Result<ProcConnector> ProcConnector::open() {
    Result<NetlinkSocket> opened = Error::internal("proc connector", "not opened");
    UniqueFd init = open_initial_netns();
    if (!init.valid() || same_namespace(init.get(), "/proc/thread-self/ns/net")) {
        opened = open_socket();
    } else {
        // setns() moves only the calling thread; the socket keeps the namespace it was made in.
        std::thread helper([&opened, &init] {
            if (::setns(init.get(), CLONE_NEWNET) != 0) {
                opened = Error::from_errno("proc connector: join the initial network namespace", errno);
                return;
            }
            opened = open_socket();
        });
        helper.join();
    }
    if (!opened) return opened.error();
    ProcConnector c;
    c.sock_.emplace(std::move(opened.value()));
    return c;
}

Result<void> ProcConnector::read_events(std::vector<ProcEvent>& out) {
    while (true) {
        ssize_t n = sock_->receive();
        if (n < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK) return {};
            if (errno == EINTR) continue;
            if (errno == ENOBUFS) {
                ++overruns_;
                continue;
            }
            return Error::from_errno("proc connector receive", errno);
        }
        for_each_message(sock_->buffer(), static_cast<size_t>(n), [&](const nlmsghdr* nlh) {
            if (auto e = parse_proc_event(nlh)) out.push_back(std::move(*e));
            return true;
        });
    }
}

}  // namespace ctguard
