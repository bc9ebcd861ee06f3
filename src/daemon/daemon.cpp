#include "daemon/daemon.hpp"

#include <fmt/format.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <utility>

#include "analysis/drops.hpp"
#include "analysis/metrics_bound.hpp"
#include "collect/drops_collect.hpp"
#include "config/daemon_config.hpp"
#include "lib/log.hpp"
#include "lib/text.hpp"
#include "lib/time_text.hpp"
#include "lib/unique_fd.hpp"
#include "report/prometheus.hpp"

namespace ctguard {

namespace {

// Running hooks get this long to finish when the daemon stops.
constexpr double kStopGraceSeconds = 2;

// A few hundred namespaces need a socket each: take the hard limit on open files.
void raise_open_file_limit() {
    rlimit rl{};
    if (::getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
        rl.rlim_cur = rl.rlim_max;
        ::setrlimit(RLIMIT_NOFILE, &rl);
    }
}

}  // namespace

Result<DaemonConfig> load_daemon_config(const std::string& path) {
    auto text = read_small_file(path);
    if (!text) {
        int err = errno;
        return Error::from_errno("config " + path, err,
                                 err == ENOENT ? "see contrib/ctguard.toml for an example" : "");
    }
    auto config = parse_daemon_config(*text, path);
    if (!config) return config;
    // The /metrics server's own parser decides what `listen` may be; the config reports where.
    if (!config->listen.empty()) {
        if (auto addr = parse_listen_address(config->listen); !addr) {
            return Error::usage(path + ":" + std::to_string(config->listen_line),
                                "daemon.listen: " + addr.error().why, addr.error().hint);
        }
    }
    return config;
}

Daemon::Daemon(DaemonOptions options, DaemonConfig config, SnapshotStore& store)
    : options_(std::move(options)),
      config_(std::move(config)),
      store_(store),
      runner_(config_, options_.root),
      tenants_(options_.root) {}

Daemon::~Daemon() = default;

void Daemon::take_results() {
    for (auto& r : runner_.take_evidence()) {
        Tenant* t = tenants_.find(r.tenant);
        if (!t || !t->monitor.waits_for(r.id)) continue;  // it went away meanwhile
        if (r.suspicious) {
            host_suspicious_ = *r.suspicious;
            processes_scanned_ = true;
        }
        auto ctx = runner_.context();
        runner_.apply(*t, t->monitor.evidence(r.id, std::move(r.evidence), monotonic_seconds(), ctx));
    }
}

void Daemon::publish(double now, double took) {
    FleetSnapshot snap;
    snap.ts = now;
    snap.collect_duration_seconds = took;
    snap.collect_errors_total = tenants_.collect_errors();
    snap.suspicious_processes = host_suspicious_;
    snap.processes_scanned = processes_scanned_;
    snap.tenants = tenants_.states();
    if (kmsg_) snap.kernel_log_lines = kernel_log_lines_;
    if (options_.verbose) {
        auto up = std::count_if(snap.tenants.begin(), snap.tenants.end(),
                                [](const TenantState& s) { return s.up; });
        log_info(fmt::format("interval: {} tenant(s), {} up, collected in {:.2f} ms", snap.tenants.size(), up,
                             took * 1000.0));
    }
    bound_found_tenants(snap.tenants, config_.metrics_tenants);
    store_.publish(std::move(snap));
}

// The kernel's own word that it dropped packets: counted for /metrics and said in the log, once
// per interval and kind. The log is the host's: it does not say which namespace's table was full.
void Daemon::follow_kernel_log() {
    if (!kmsg_) return;
    auto records = kmsg_->read_new(kConntrackLogMark);
    if (!records) {
        log_warning(fmt::format("kernel log: no longer followed: {}", records.error().why));
        kmsg_.reset();
        std::lock_guard lock(drop_mu_);
        drop_facts_.log_read = false;
        drop_facts_.log_note = "kernel log: no longer followed: " + records.error().why;
        return;
    }
    const auto events = conntrack_log_events(*records);
    {
        std::lock_guard lock(drop_mu_);
        add_log_events(drop_facts_.log, events);
    }
    for (const auto& e : events) {
        kernel_log_lines_[e.kind] += e.count;
        log_warning(fmt::format("kernel log: {} ({} line(s) this interval; the kernel rate-limits it, and "
                                "does not say which namespace)",
                                e.kind == "table_full" ? "nf_conntrack: table full, dropping packet"
                                                       : "nf_conntrack: falling back to vmalloc",
                                e.count));
    }
}

void Daemon::tick() {
    const double start = monotonic_seconds();
    const double now = wall_seconds();
    tenants_.sync(config_, now, runner_);
    const double mono = tenants_.read(now, runner_);
    tenants_.refresh_tops(mono, runner_);
    follow_kernel_log();
    if (live_) live_->want(tenants_.live_tables(config_));
    publish(now, monotonic_seconds() - start);
}

void Daemon::reload() {
    auto cfg = load_daemon_config(options_.config_path);
    if (!cfg) {
        log_error(fmt::format("reload: {}: {}; keeping the running configuration", cfg.error().what,
                              cfg.error().why));
        return;
    }
    const double now = wall_seconds();
    const ReloadPlan plan = plan_reload(tenants_.running(), config_, *cfg);
    for (const auto& name : plan.removed) {
        log_info(fmt::format("tenant {}: no longer in the configuration", name));
        tenants_.drop(name, now, "removed", runner_);
    }
    for (const auto& r : plan.retuned) tenants_.find(r.name)->monitor.retune(r.thresholds, r.recover_after);
    if (plan.reopen_history) runner_.reopen_history(cfg->db, cfg->retention, tenants_.open_incidents());
    if (cfg->socket != config_.socket || cfg->live_queue_mib != config_.live_queue_mib)
        log_warning("reload: socket or live_queue changed; restart the daemon to apply it");
    if (plan.listen_changed) {
        log_warning(
            fmt::format("reload: listen changed to '{}'; restart the daemon to move /metrics", cfg->listen));
    }
    runner_.hooks().set_max_running(cfg->max_running_actions);
    config_ = std::move(*cfg);
    log_info(fmt::format("reloaded {}: {} tenant definition(s), {} action(s)", options_.config_path,
                         config_.tenants.size(), config_.actions.size()));
}

// Threads start only now, with the signals blocked: they inherit the mask.
Result<void> Daemon::start() {
    if (auto k = KernelLogFollower::open(options_.root); k) {
        kmsg_ = std::move(*k);
        kernel_log_lines_ = {{"table_full", 0}, {"vmalloc", 0}};
    } else {
        log_info(fmt::format("kernel log: not followed ({}: {})", k.error().what, k.error().why));
    }
    // What the log held before: read once, after the follower's start, so no line falls between.
    drop_facts_ = read_drop_facts(options_.root);
    if (!kmsg_) drop_facts_.log_read = false;
    if (!config_.listen.empty()) {
        auto server = MetricsServer::start(config_.listen, [this] {
            auto snapshot = store_.latest();
            return snapshot ? prometheus_text(*snapshot) : std::string();
        });
        if (!server) return server.error();
        metrics_ = std::move(*server);
    }
    if (auto started = runner_.start(); !started) return started;
    // A --root tree has no kernel table to follow.
    if (!config_.socket.empty() && options_.root.live()) {
        LiveTableOptions live;
        live.queue_bytes = static_cast<int>(config_.live_queue_mib << 20);
        auto service = LiveService::start(config_.socket, options_.root, live, [this] {
            std::lock_guard lock(drop_mu_);
            DropReport facts = drop_facts_;
            facts.uptime = read_uptime(options_.root);
            return facts;
        });
        if (!service) return service.error();
        live_ = std::move(*service);
    }
    std::string metrics = "off";
    if (metrics_) {
        bool v6 = metrics_->host().find(':') != std::string::npos;
        metrics = fmt::format("http://{}{}{}:{}/metrics", v6 ? "[" : "", metrics_->host(), v6 ? "]" : "",
                              metrics_->port());
    }
    // The metrics URL stays last: tests and scripts take it from the end of this line.
    log_info(fmt::format(
        "started: {} tenant definition(s), {} action(s), interval {:g} s, history {}, socket {}, metrics {}",
        config_.tenants.size(), config_.actions.size(), config_.interval, config_.db.empty() ? "off" : config_.db,
        live_ ? config_.socket : "off", metrics));
    return {};
}

void Daemon::stop() {
    log_info("stopping");
    if (metrics_) metrics_->stop();
    if (live_) live_->stop();
    // The dumps under way finish (a netlink dump cannot be cut short) and their changes get their
    // evidence; changes still waiting are recorded without.
    runner_.stop_evidence();
    take_results();
    tenants_.end_all(wall_seconds(), "shutdown", runner_);
    runner_.finish(kStopGraceSeconds);
    log_info(fmt::format("stopped ({} action failure(s) since start)", runner_.failures()));
}

Result<int> Daemon::run() {
    // Signals arrive through a signalfd, so they are blocked in every thread (the history writer and
    // the namespace helpers inherit this mask) and handled between intervals, never mid-update.
    sigset_t handled;
    sigemptyset(&handled);
    for (int s : {SIGTERM, SIGINT, SIGHUP, SIGCHLD}) sigaddset(&handled, s);
    if (::pthread_sigmask(SIG_BLOCK, &handled, nullptr) != 0)
        return Error::internal("daemon", "cannot block signals");
    UniqueFd signals(::signalfd(-1, &handled, SFD_CLOEXEC | SFD_NONBLOCK));
    if (!signals.valid()) return Error::from_errno("signalfd", errno);
    ::signal(SIGPIPE, SIG_IGN);  // a hook that exits without reading its stdin
    raise_open_file_limit();
    if (auto started = start(); !started) return started.error();

    double next = monotonic_seconds();
    bool stopping = false;
    while (!stopping) {
        run_logged("interval", [&] { tick(); });
        next += config_.interval;
        if (next < monotonic_seconds()) {
            if (!overrun_logged_) {
                log_warning(
                    fmt::format("collection took longer than the {:g} s interval; running back to back",
                                config_.interval));
                overrun_logged_ = true;
            }
            next = monotonic_seconds();
        }
        while (true) {
            double mono = monotonic_seconds();
            run_logged("hooks", [&] { runner_.hooks().service(mono); });
            double wake = next;
            if (auto d = runner_.hooks().next_deadline()) wake = std::min(wake, *d);
            int timeout_ms = wake <= mono ? 0 : static_cast<int>(std::ceil((wake - mono) * 1000.0));
            pollfd p[2] = {{signals.get(), POLLIN, 0}, {runner_.evidence_fd(), POLLIN, 0}};
            bool reload_now = false;
            if (::poll(p, 2, timeout_ms) > 0) {
                signalfd_siginfo si{};
                while (::read(signals.get(), &si, sizeof si) == static_cast<ssize_t>(sizeof si)) {
                    if (si.ssi_signo == SIGTERM || si.ssi_signo == SIGINT) stopping = true;
                    if (si.ssi_signo == SIGHUP) reload_now = true;
                }
                if (p[1].revents & POLLIN) run_logged("evidence", [&] { take_results(); });
            }
            if (stopping) break;
            if (reload_now) run_logged("reload", [&] { reload(); });
            if (monotonic_seconds() >= next) break;
        }
    }
    stop();
    return 0;
}

}  // namespace ctguard
