#pragma once
// Gathers what `procs` reports: conntrack entries joined to sockets and processes, process details,
// binary hashes and package ownership, and, with --watch, every process that came and went.
// Then groups and scores them. Shared by `procs` and anything else that wants suspicious processes.
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "analysis/suspicion.hpp"
#include "host/package_owner.hpp"
#include "host/proc_connector.hpp"
#include "lib/result.hpp"
#include "lib/root_dir.hpp"
#include <functional>

#include "model/flow_sink.hpp"
#include "model/process.hpp"

namespace ctguard {

class ProcessCollector {
  public:
    // Every snapshot dumps the kernel's table.
    explicit ProcessCollector(RootDir root);
    // Every snapshot's entries come from `flows` instead (check: the daemon's live table); an empty
    // one: processes without flows.
    ProcessCollector(RootDir root, FlowSource flows);

    // One look at everything: the table, the sockets, every process. `also` sees the same entries
    // (check asks its other questions of the table in the same pass).
    Result<void> snapshot(FlowSink* also = nullptr);
    // Follows processes for `seconds`, through cn_proc or by polling /proc, with a snapshot a second.
    // `also` sees the first snapshot's dump; `progress` is told after each snapshot. SIGINT and
    // SIGTERM end the watch early and keep what it saw (ProcsReport::interrupted).
    Result<void> watch(double seconds, FlowSink* also = nullptr,
                       const std::function<void(const WatchProgress&)>& progress = {});
    // Groups, judges (analysis/suspicion.hpp) and hands over the result.
    ProcsReport finish(const SuspicionContext& ctx);

  private:
    ProcessReport* current(int pid);
    // A new instance of pid read from /proc now; nullptr when it is gone. `replace`: an exec.
    ProcessReport* add_instance(int pid, bool born);
    void apply(const ProcEvent& e);
    void poll_pids();
    void mark_exited(int pid);
    // Sets r.sha256, or r.hash_note when the binary is too large to hash.
    void hash_exe(ProcessReport& r);
    void resolve_ownership();

    RootDir root_;
    int64_t btime_ = 0;
    FlowSource flows_;
    std::vector<ProcessReport> instances_;
    std::unordered_map<int, size_t> live_;     // pid -> its current instance
    std::unordered_map<int, bool> from_fork_;  // pid -> instance made at fork, not yet exec'd
    // (root key, exe path) -> who installed it. The root key is "" for processes that see our root,
    // else the "dev:ino" of theirs (a container's), read through one of their pids (root_pid_).
    std::map<std::pair<std::string, std::string>, PackageOwner> owners_;
    std::unordered_map<size_t, std::string> root_key_;  // instance index -> its root key (own_root only)
    std::map<std::string, int> root_pid_;
    bool warned_no_db_ = false;
    struct ExeHash {
        std::string sha256, note;
    };
    std::map<std::pair<uint64_t, uint64_t>, ExeHash> hashes_;  // (dev, inode) -> its hash
    bool watching_ = false;
    size_t started_ = 0;  // instances born while watching
    ProcsReport report_;
};

}  // namespace ctguard
