#pragma once
// Runs `exec` actions: each hook gets the event JSON on stdin, its own process group (so a timeout
// kills what it started too), at most N at once with the rest queued. Failures are logged and
// counted, never fatal. Driven by the daemon loop: call service() on SIGCHLD and every tick.
#include <sys/types.h>

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <vector>

namespace ctguard {

struct HookJob {
    std::vector<std::string> argv;
    std::string input;  // written to the hook's stdin, which is then closed
    double timeout = 10;
    std::string label;             // for log lines: "vps101 ok->suspend: /usr/local/sbin/notify"
    std::vector<std::string> env;  // extra KEY=VALUE entries
};

class HookRunner {
  public:
    explicit HookRunner(size_t max_running, size_t max_queued = 1000)
        : max_running_(max_running), max_queued_(max_queued) {}
    ~HookRunner();
    HookRunner(const HookRunner&) = delete;
    HookRunner& operator=(const HookRunner&) = delete;

    void submit(HookJob job);
    // Reaps finished hooks, kills overdue ones, starts queued ones. `now`: monotonic seconds.
    void service(double now);
    // The earliest timeout of a running hook (monotonic), so the caller wakes up for it.
    std::optional<double> next_deadline() const;
    // Lets running hooks finish for up to `grace` seconds, then kills them; drops the queue.
    void shutdown(double grace);
    void set_max_running(size_t n) { max_running_ = n; }

    uint64_t failures() const { return failures_; }
    uint64_t finished() const { return finished_; }
    size_t running() const { return running_.size(); }
    size_t queued() const { return queue_.size(); }

  private:
    struct Running {
        pid_t pid = 0;
        double started = 0, deadline = 0;
        bool killed = false;
        HookJob job;
    };
    void start(HookJob job, double now);
    void reap(double now);

    size_t max_running_, max_queued_;
    std::deque<HookJob> queue_;
    std::vector<Running> running_;
    uint64_t failures_ = 0, finished_ = 0;
};

}  // namespace ctguard
