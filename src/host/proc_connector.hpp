#pragma once
// Process fork/exec/comm/exit events from the kernel's proc connector (cn_proc, NETLINK_CONNECTOR),
// so processes that live for less than a second are still seen.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "lib/netlink_socket.hpp"
#include "lib/result.hpp"
#include "lib/root_dir.hpp"

namespace ctguard {

struct ProcEvent {
    enum class Type : uint8_t { fork, exec, comm, exit };
    Type type = Type::exec;
    int pid = 0;       // the process (thread group id); for fork, the child
    int parent = 0;    // fork: the parent process
    std::string comm;  // comm: the new name
};

// One message of the connector: the event, or nullopt for one that is too short, of another connector,
// of a thread rather than a process, or of a kind not watched.
std::optional<ProcEvent> parse_proc_event(const nlmsghdr* nlh);

class ProcConnector {
  public:
    // Subscribes to process events. The connector only speaks in the initial network namespace,
    // so when we were moved into another one (--netns, ip netns exec) the socket is opened from a
    // helper thread that joins it first. Needs root.
    static Result<ProcConnector> open();

    int fd() const { return sock_->fd(); }
    // Appends the events waiting on the socket (never blocks). Thread events are dropped.
    Result<void> read_events(std::vector<ProcEvent>& out);
    // Times the kernel dropped events because we read too slowly (ENOBUFS).
    uint64_t overruns() const { return overruns_; }

  private:
    std::optional<NetlinkSocket> sock_;
    uint64_t overruns_ = 0;
};

}  // namespace ctguard
