#pragma once
// The daemon's live tables and the socket that answers `top`, `status` and `check` from them
// (daemon/live_protocol.hpp), on a thread of their own so the daemon's loop never waits for a dump
// or a client. The loop names the tables to keep live (want()) each interval; a new one is opened
// (and dumped) on this thread, one no longer named is dropped.
//
// The socket is root's: its directory is created 0700 and the socket 0600, and a peer whose
// SO_PEERCRED uid is not 0 is closed unanswered. A client gets kRequestSeconds to send its request
// (at most kMaxLiveRequest bytes, one line) and kResponseSeconds to take the answer; anything else
// is dropped. Clients are served one at a time: a query takes milliseconds (all 262,144 entries of a
// table for `check`, 26 MB: 15 to 25 ms), and the bounds keep a hostile one from holding the thread
// longer than that.
#include <atomic>
#include <cstdint>
#include <memory>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "collect/live_table.hpp"
#include "host/netns_thread.hpp"
#include "model/drops.hpp"
#include "lib/unique_fd.hpp"

namespace ctguard {

// A table to keep live: a name for logs and where it is (the daemon's own: an empty address).
struct LiveWant {
    std::string name;
    TableAddress address;
    bool operator==(const LiveWant& o) const {
        return name == o.name && address.netns == o.address.netns && address.id == o.address.id;
    }
};

class LiveService {
  public:
    static constexpr double kRequestSeconds = 1;
    static constexpr double kResponseSeconds = 2;

    // Binds `socket_path` (its directory is created; a stale socket left by a daemon that died is
    // replaced, a live one is an error) and starts the thread.
    // `drop_facts`: what `status` says of the kernel log and the machine (collect/drops_collect), as
    // the daemon keeps it; called on the service's thread.
    static Result<std::unique_ptr<LiveService>> start(const std::string& socket_path, RootDir root,
                                                      LiveTableOptions options,
                                                      std::function<DropReport()> drop_facts);
    ~LiveService();
    LiveService(const LiveService&) = delete;
    LiveService& operator=(const LiveService&) = delete;

    // The tables to keep live from now on.
    void want(std::vector<LiveWant> tables);
    // Stops the thread and removes the socket. Idempotent.
    void stop();

  private:
    struct Live {
        LiveWant want;
        NetnsId id;
        std::unique_ptr<LiveTable> table;
        double retry_at = 0;  // monotonic: when a table that failed is opened again
        bool failed_logged = false;
    };

    LiveService(std::string path, RootDir root, LiveTableOptions options, std::function<DropReport()> drop_facts,
                UniqueFd listener, UniqueFd wake);
    void run();
    bool service_tables();  // true: a table's round ended at its bound, more events wait
    void sync_tables();
    void open_table(Live& live);
    void serve_client(UniqueFd client);
    // The answer to a request line; an "entries" answer is written to `fd` by `deadline` here (then "").
    std::string answer(const std::string& request, int fd, double deadline);
    Live* table_of(const NetnsId& id);

    const std::string path_;
    const RootDir root_;
    const LiveTableOptions options_;
    const std::function<DropReport()> drop_facts_;
    UniqueFd listener_;
    ino_t socket_ino_ = 0;  // the socket file we bound, so stop() removes nothing else
    UniqueFd wake_;  // eventfd: want() and stop() wake the thread
    std::vector<Live> tables_;

    std::mutex mu_;
    std::optional<std::vector<LiveWant>> pending_;  // guarded by mu_
    std::atomic<bool> stopping_{false};
    std::thread thread_;
};

}  // namespace ctguard
