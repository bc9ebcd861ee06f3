#include "host/socket_table.hpp"

#include "host/proc_net_sockets.hpp"
#include "host/process_reader.hpp"
#include "host/sock_diag.hpp"
#include "lib/log.hpp"

namespace ctguard {

SocketSnapshot collect_sockets(const RootDir& root) {
    SocketSnapshot s;
    if (root.live()) {
        auto diag = dump_inet_sockets();
        if (diag) {
            s.inet = std::move(*diag);
            s.source = "sock_diag";
        } else {
            warn_once("sock_diag unavailable (" + diag.error().why + "); reading /proc/net instead");
        }
    }
    if (s.source.empty()) {
        s.inet = read_proc_net_inet(root);
        s.source = "proc";
    }
    s.raw = read_raw_sockets(root);
    // Sockets first, holders second: a socket opened in between has no holder yet, which is
    // reported as "no socket" rather than attributed wrongly.
    s.pids = list_pids(root);
    s.owners = scan_socket_owners(root, s.pids);
    if (s.owners.unreadable > 0) {
        warn_once("cannot read the open files of " + std::to_string(s.owners.unreadable) +
                  " process(es); run as root to attribute their flows");
    }
    return s;
}

}  // namespace ctguard
