#pragma once
// Evidence off the daemon loop. A dump of one tenant's table makes the kernel walk its whole
// conntrack hash table (every namespace's entries): seconds with millions of entries. Dumps run
// here, on a few threads of their own, so the loop keeps counting every tenant, running hooks and
// serving /metrics meanwhile. The loop owns all tenant state: a request carries everything its dump
// needs and opens sockets of its own (never the loop's counting sockets); results come back through
// a mutex-protected list, and an eventfd wakes the loop when one is ready.
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "lib/result.hpp"
#include "lib/root_dir.hpp"
#include "lib/unique_fd.hpp"
#include "model/daemon_config.hpp"
#include "model/incident.hpp"
#include "netfilter/conntrack_source.hpp"

namespace ctguard {

struct EvidenceRequest {
    uint64_t id = 0;  // the loop matches the result to its tenant by name and id
    TenantSpec spec;  // its kind and, for zone/mark/CIDR tenants, which entries are its own
    // The table the loop counts (a namespace's is dumped only while it is still that namespace);
    // nullopt when the loop has none open: the evidence then says so.
    std::optional<TableAddress> table;
    size_t top = 10;         // rows per list
    bool processes = false;  // the host's processes too (at level changes, not for top refreshes)
};

struct EvidenceResult {
    uint64_t id = 0;
    std::string tenant;
    Evidence evidence;                   // top, processes and error; `at` is when it was taken
    std::optional<uint64_t> suspicious;  // with processes: how many of them are suspicious
};

// Takes the evidence of one request on the calling thread (the worker's threads run this).
EvidenceResult take_evidence(const EvidenceRequest& request, const RootDir& root);

class EvidenceWorker {
  public:
    // `threads` dumps run side by side; at most `max_queued` more wait for a thread.
    EvidenceWorker(RootDir root, size_t threads, size_t max_queued);
    ~EvidenceWorker();
    EvidenceWorker(const EvidenceWorker&) = delete;
    EvidenceWorker& operator=(const EvidenceWorker&) = delete;

    // Fails (saying why) when the queue is full or the worker is stopping.
    Result<void> submit(EvidenceRequest request);
    // The finished results, oldest first.
    std::vector<EvidenceResult> take();
    // Readable while results wait to be taken: poll it next to the loop's other descriptors.
    int ready_fd() const { return ready_.get(); }
    // Drops what waits, lets the dumps under way finish (a netlink dump cannot be cut short) and
    // joins the threads. Their results can still be taken afterwards.
    void stop();

  private:
    void run();

    const RootDir root_;
    const size_t max_queued_;
    UniqueFd ready_;
    std::mutex mu_;
    std::condition_variable cv_;
    std::deque<EvidenceRequest> queue_;
    std::vector<EvidenceResult> done_;
    bool stop_ = false;
    std::vector<std::thread> threads_;
};

}  // namespace ctguard
