#include "daemon/hook_runner.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstring>

#include "lib/log.hpp"
#include "lib/time_text.hpp"
#include "lib/unique_fd.hpp"

extern char** environ;

namespace ctguard {

HookRunner::~HookRunner() {
    shutdown(0);
}

void HookRunner::submit(HookJob job) {
    if (queue_.size() >= max_queued_) {
        ++failures_;
        log_warning(
            fmt::format("hook {}: dropped: {} hooks are already waiting to run", job.label, queue_.size()));
        return;
    }
    queue_.push_back(std::move(job));
    service(monotonic_seconds());
}

void HookRunner::start(HookJob job, double now) {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) {
        ++failures_;
        log_warning(fmt::format("hook {}: cannot run: pipe: {}", job.label, std::strerror(errno)));
        return;
    }
    UniqueFd read_end(fds[0]), write_end(fds[1]);

    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, read_end.get(), STDIN_FILENO);
    // The hook's stdout joins our stderr (the journal); nothing reads our stdout.
    posix_spawn_file_actions_adddup2(&fa, STDERR_FILENO, STDOUT_FILENO);
    // Nothing else of ours leaks into the hook (the /metrics listening socket, netlink sockets, the
    // database), whether or not its library marked it close-on-exec.
    posix_spawn_file_actions_addclosefrom_np(&fa, STDERR_FILENO + 1);

    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    // Own process group: a timeout kills the hook and everything it started. Default signal
    // handling and an empty mask: the daemon blocks and ignores signals the hook must not inherit.
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    posix_spawnattr_setpgroup(&attr, 0);
    sigset_t none, defaults;
    sigemptyset(&none);
    posix_spawnattr_setsigmask(&attr, &none);
    sigemptyset(&defaults);
    for (int s : {SIGPIPE, SIGCHLD, SIGHUP, SIGTERM, SIGINT}) sigaddset(&defaults, s);
    posix_spawnattr_setsigdefault(&attr, &defaults);

    std::vector<char*> argv;
    for (auto& a : job.argv) argv.push_back(a.data());
    argv.push_back(nullptr);
    std::vector<char*> envp;
    for (char** e = environ; e && *e; ++e) envp.push_back(*e);
    for (auto& e : job.env) envp.push_back(e.data());
    envp.push_back(nullptr);

    pid_t pid = 0;
    int rc = posix_spawnp(&pid, argv[0], &fa, &attr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&attr);
    read_end.reset();
    if (rc != 0) {
        ++failures_;
        log_warning(fmt::format("hook {}: cannot run: {}", job.label, std::strerror(rc)));
        return;
    }

    // The whole event, even past the pipe's 64 KiB (many processes): a cut one is not JSON. The hook
    // reads it within its timeout or is killed at it anyway. A hook that exits without reading gets
    // EPIPE here (SIGPIPE is ignored), which is its business.
    const double deadline = now + job.timeout;
    ::fcntl(write_end.get(), F_SETFL, O_NONBLOCK);
    size_t off = 0;
    while (off < job.input.size()) {
        ssize_t n = ::write(write_end.get(), job.input.data() + off, job.input.size() - off);
        if (n > 0) {
            off += static_cast<size_t>(n);
            continue;
        }
        if (n < 0 && errno == EINTR) continue;
        const double left = deadline - monotonic_seconds();
        if (n < 0 && errno == EAGAIN && left > 0) {
            pollfd p{write_end.get(), POLLOUT, 0};
            ::poll(&p, 1, static_cast<int>(std::ceil(left * 1000.0)));
            continue;
        }
        if (errno != EPIPE) {
            log_warning(fmt::format("hook {}: only {} of {} event bytes written: {}", job.label, off,
                                    job.input.size(), left > 0 ? std::strerror(errno) : "timed out"));
        }
        break;
    }
    write_end.reset();
    running_.push_back(Running{pid, now, deadline, false, std::move(job)});
}

void HookRunner::reap(double now) {
    for (auto it = running_.begin(); it != running_.end();) {
        int status = 0;
        pid_t r = ::waitpid(it->pid, &status, WNOHANG);
        if (r == 0) {
            ++it;
            continue;
        }
        ++finished_;
        // What the hook left running in its process group goes with it: a hook's job ends when the
        // hook does, and children piling up at every event would outlive the daemon. The group's id
        // cannot be reused while a member lives, so this reaches only the hook's own.
        if (r > 0) ::kill(-it->pid, SIGKILL);
        double took = now - it->started;
        if (r < 0) {
            ++failures_;
            log_warning(fmt::format("hook {}: lost track of pid {}: {}", it->job.label, it->pid,
                                    std::strerror(errno)));
        } else if (it->killed) {
            // Counted when it was killed.
        } else if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
            log_info(fmt::format("hook {}: done in {:.2f} s", it->job.label, took));
        } else if (WIFEXITED(status)) {
            ++failures_;
            log_warning(fmt::format("hook {}: failed: exit status {} after {:.2f} s", it->job.label,
                                    WEXITSTATUS(status), took));
        } else {
            ++failures_;
            log_warning(fmt::format("hook {}: failed: killed by signal {} ({}) after {:.2f} s", it->job.label,
                                    WTERMSIG(status), strsignal(WTERMSIG(status)), took));
        }
        it = running_.erase(it);
    }
}

void HookRunner::service(double now) {
    reap(now);
    for (auto& r : running_) {
        if (!r.killed && now >= r.deadline) {
            ::kill(-r.pid, SIGKILL);
            r.killed = true;
            ++failures_;
            log_warning(fmt::format("hook {}: killed after its {:g} s timeout", r.job.label, r.job.timeout));
        }
    }
    while (!queue_.empty() && running_.size() < max_running_) {
        HookJob job = std::move(queue_.front());
        queue_.pop_front();
        start(std::move(job), now);
    }
}

std::optional<double> HookRunner::next_deadline() const {
    std::optional<double> next;
    for (const auto& r : running_) {
        if (!r.killed && (!next || r.deadline < *next)) next = r.deadline;
    }
    return next;
}

void HookRunner::shutdown(double grace) {
    if (!queue_.empty()) {
        log_warning(fmt::format("stopping: {} queued hook(s) not run", queue_.size()));
        failures_ += queue_.size();
        queue_.clear();
    }
    const double until = monotonic_seconds() + grace;
    while (!running_.empty() && monotonic_seconds() < until) {
        reap(monotonic_seconds());
        if (!running_.empty()) ::poll(nullptr, 0, 10);
    }
    for (auto& r : running_) {
        if (!r.killed) {
            ::kill(-r.pid, SIGKILL);
            r.killed = true;
            ++failures_;
            log_warning(fmt::format("hook {}: killed: the daemon is stopping", r.job.label));
        }
    }
    // SIGKILL cannot be ignored: these waits end at once.
    for (auto& r : running_) ::waitpid(r.pid, nullptr, 0);
    running_.clear();
}

}  // namespace ctguard
