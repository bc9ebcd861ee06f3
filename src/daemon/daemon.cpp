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
#include <set>
#include <utility>

#include "analysis/incident.hpp"
#include "analysis/tenant_match.hpp"
#include "config/daemon_config.hpp"
#include "host/netns.hpp"
#include "host/netns_thread.hpp"
#include "lib/log.hpp"
#include "lib/text.hpp"
#include "lib/time_text.hpp"
#include "lib/unique_fd.hpp"
#include "netfilter/cap_ruleset.hpp"
#include "netfilter/nftables.hpp"
#include "report/cap_render.hpp"
#include "report/incident_json.hpp"
#include "report/prometheus.hpp"

namespace ctguard {

namespace {

// Running hooks get this long to finish when the daemon stops.
constexpr double kStopGraceSeconds = 2;
// Evidence dumps of this many tenants run side by side, so one tenant's dump of a huge table does not
// hold up another's; every dump walks the kernel's whole table, so more threads would only share the
// same CPUs. Past the queue, evidence is not taken (and said so) rather than piling up for hours.
constexpr size_t kEvidenceThreads = 4;
constexpr size_t kEvidenceQueue = 256;

// Evidence that could not be taken: the change is still recorded and its hooks still run.
Evidence missing_evidence(const std::string& why) {
    Evidence ev;
    ev.at = wall_seconds();
    ev.error = why;
    return ev;
}

std::string level_word(Level l) {
    return std::string(level_name(l));
}

// A few hundred namespaces need a socket each: take the hard limit on open files.
void raise_open_file_limit() {
    rlimit rl{};
    if (::getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
        rl.rlim_cur = rl.rlim_max;
        ::setrlimit(RLIMIT_NOFILE, &rl);
    }
}

std::string forecast_text(const TenantState& s, const Thresholds& t) {
    std::string out = fmt::format("{:+.0f}/s", s.growth_per_second);
    if (auto to_suspend = seconds_until(s.count, t.suspend, s.growth_per_second);
        to_suspend && *to_suspend > 0) {
        out += ", suspend in " + format_duration_short(*to_suspend);
    }
    if (s.seconds_to_full && *s.seconds_to_full > 0)
        out += ", full in " + format_duration_short(*s.seconds_to_full);
    return out;
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
      hooks_(config_.max_running_actions) {}

Daemon::~Daemon() = default;

void Daemon::save(const Incident& incident) {
    if (writer_) writer_->save(incident);
}

void Daemon::end_incident(Tenant& t, double now, const std::string& reason) {
    // Changes still waiting for their evidence came before the end: record them (and run their
    // hooks) first. A dump still under way describes what ended: its result is dropped.
    if (!t.waiting.empty())
        complete_changes(t, t.waiting.size(),
                         missing_evidence("evidence: not taken: the incident ended (" + reason + ")"));
    t.request = 0;
    if (!t.incident) return;
    close_incident(*t.incident, now, reason);
    save(*t.incident);
    t.incident.reset();
}

void Daemon::set_down(Tenant& t, const std::string& error) {
    t.state.up = false;
    t.state.error = error;
    ++collect_errors_;
    if (error != t.logged_error) {
        log_warning(fmt::format("tenant {}: {}", t.state.name, error));
        t.logged_error = error;
    }
}

bool Daemon::host_table_ready() {
    if (host_) return true;
    auto table = ConntrackTable::open(options_.root);
    if (!table) {
        host_error_ = table.error().why;
        return false;
    }
    host_.emplace(std::move(*table));
    return true;
}

void Daemon::drop_tenant(const std::string& name, double now, const std::string& reason) {
    auto it = tenants_.find(name);
    if (it == tenants_.end()) return;
    end_incident(it->second, now, reason);
    tenants_.erase(it);
}

void Daemon::sync_netns(Tenant& t, double now) {
    if (t.table) {
        auto presence = t.table->presence();
        if (presence == NetnsTable::Presence::same) return;
        // Our socket keeps the old namespace alive; what it counts is no longer the tenant.
        const std::string path = t.table->path();
        end_incident(t, now, "vanished");
        t.table.reset();
        t.tracker = LevelTracker{};
        t.growth = GrowthTracker{};
        t.state.top.clear();
        if (presence == NetnsTable::Presence::gone) {
            set_down(t, "namespace " + path + " vanished; trying again each interval");
            return;
        }
        log_info(
            fmt::format("tenant {}: namespace {} was re-created; opening the new one", t.state.name, path));
    }
    const std::string path = netns_path(options_.root, t.spec.netns);
    auto table = NetnsTable::open(path);
    if (!table) {
        ++t.open_failures;
        // `ip netns add` creates the name a moment before the namespace is mounted on it: a glob
        // member that fails once is usually just early.
        if (!t.glob.empty() && t.open_failures < 2) {
            t.state.up = false;
            t.state.error = table.error().why;
            return;
        }
        set_down(t, "cannot watch namespace " + path + ": " + table.error().why);
        return;
    }
    t.table.emplace(std::move(*table));
    t.open_failures = 0;
    t.logged_error.clear();
    log_info(fmt::format("tenant {}: watching namespace {}{}", t.state.name, path,
                         t.glob.empty() ? "" : " (netns glob '" + t.glob + "')"));
}

void Daemon::sync_tenants(double now) {
    for (const auto& spec : config_.tenants) {
        if (spec.kind == TenantKind::netns_glob || tenants_.contains(spec.name)) continue;
        Tenant t;
        t.spec = spec;
        t.state.name = spec.name;
        t.state.thresholds = spec.thresholds;
        tenants_.emplace(spec.name, std::move(t));
    }

    const bool globs = std::any_of(config_.tenants.begin(), config_.tenants.end(),
                                   [](const TenantSpec& s) { return s.kind == TenantKind::netns_glob; });
    if (globs) {
        auto names = list_netns_names(options_.root);
        std::set<std::string> present(names.begin(), names.end());
        std::vector<std::string> vanished;
        for (const auto& [name, t] : tenants_) {
            if (!t.glob.empty() && !present.contains(name)) vanished.push_back(name);
        }
        for (const auto& name : vanished) {
            log_info(fmt::format("tenant {}: namespace vanished; no longer watched", name));
            drop_tenant(name, now, "vanished");
        }
        for (const auto& spec : config_.tenants) {
            if (spec.kind != TenantKind::netns_glob) continue;
            for (const auto& name : names) {
                if (tenants_.contains(name) || !name_matches(spec.netns, name)) continue;
                Tenant t;
                t.spec = spec;
                t.spec.kind = TenantKind::netns;
                t.spec.name = name;
                t.spec.netns = name;
                t.glob = spec.netns;
                t.state.name = name;
                t.state.thresholds = spec.thresholds;
                tenants_.emplace(name, std::move(t));
            }
        }
    }
    for (auto& [name, t] : tenants_) {
        if (t.spec.kind == TenantKind::netns) sync_netns(t, now);
    }
}

void Daemon::read_counts() {
    auto fill = [&](Tenant& t, uint64_t count, uint64_t max, const CpuStats* stats) {
        auto& s = t.state;
        s.up = true;
        s.error.clear();
        s.count = count;
        s.max = max;
        s.have_stats = stats != nullptr;
        s.stats = stats ? *stats : CpuStats{};
        if (!t.logged_error.empty()) {
            log_info(fmt::format("tenant {}: readable again", s.name));
            t.logged_error.clear();
        }
    };

    std::vector<Tenant*> on_host;  // the host tenant and those sharing its table
    for (auto& [name, t] : tenants_) {
        if (t.spec.kind == TenantKind::netns) {
            if (!t.table) continue;  // down; sync_netns said why
            auto s = t.table->stats();
            if (!s)
                set_down(t, s.error().what + ": " + s.error().why);
            else
                fill(t, s->count, s->max, s->have_stats ? &s->stats : nullptr);
        } else {
            on_host.push_back(&t);
        }
    }
    if (on_host.empty()) return;

    if (!host_table_ready()) {
        for (Tenant* t : on_host) set_down(*t, "conntrack table: " + host_error_);
        return;
    }
    auto hs = host_->stats();
    if (!hs) {
        for (Tenant* t : on_host) set_down(*t, hs.error().what + ": " + hs.error().why);
        return;
    }
    std::vector<const TenantSpec*> shared_specs;
    std::vector<Tenant*> shared;
    for (Tenant* t : on_host) {
        if (t->spec.kind == TenantKind::host) {
            fill(*t, hs->count, hs->max, hs->have_stats ? &hs->stats : nullptr);
        } else {
            shared_specs.push_back(&t->spec);
            shared.push_back(t);
        }
    }
    if (shared.empty()) return;
    // Zone, mark and CIDR tenants have no count of their own in the kernel: one dump counts them all.
    TenantCounter counter(shared_specs);
    auto dump = host_->dump(counter);
    for (size_t i = 0; i < shared.size(); ++i) {
        if (!dump)
            set_down(*shared[i], dump.error().what + ": " + dump.error().why);
        else
            fill(*shared[i], counter.counts()[i], hs->max, nullptr);
    }
}

void Daemon::apply_cap(Tenant& t, uint32_t per_source, Level level) {
    const bool remove = level == Level::ok;
    const std::string commands = remove ? cap_remove_script(kDaemonCapTable)
                                        : cap_ruleset(CapSpec{per_source, {}, {}}, kDaemonCapTable);
    const std::string what = "tenant " + t.state.name + ": cap";
    // The context is made where it runs: libnftables binds its netlink socket to the namespace then.
    auto nft = [&]() -> Result<void> {
        auto ctx = Nftables::open();
        if (!ctx) return ctx.error();
        if (auto r = ctx->run(commands); !r) return r.error();
        return {};
    };
    Result<void> r;
    if (t.spec.kind == TenantKind::netns) {
        r = t.table ? t.table->run_inside(nft)
                    : Result<void>(Error::unavailable(what, "its namespace is not open"));
    } else if (t.spec.kind == TenantKind::host) {
        r = nft();
    } else {
        r = Error::unavailable(
            what,
            "a zone, mark or CIDR tenant shares the host's table; there is no namespace of its own to cap");
    }
    if (!r) {
        ++cap_failures_;
        log_warning(fmt::format("{}: {}", what, r.error().why));
    } else if (remove) {
        log_info(fmt::format("{}: removed (nft table inet {})", what, kDaemonCapTable.name));
    } else {
        log_info(
            fmt::format("{}: new connections from a source with {} tracked are dropped (nft table inet {})",
                        what, per_source, kDaemonCapTable.name));
    }
}

// Caps act at the change itself: they need no evidence and protect the table at once. Exec hooks
// get the event when its evidence is there.
void Daemon::run_actions(Tenant& t, const LevelEvent& event, bool exec) {
    std::string input;
    for (const auto& a : config_.actions) {
        if (!a.wants(event.change.level) || !a.applies_to(t.state.name) || a.cap.has_value() == exec)
            continue;
        if (a.cap) {
            apply_cap(t, *a.cap, event.change.level);
            continue;
        }
        if (input.empty()) input = event_json(event).dump() + "\n";
        HookJob job;
        job.argv = a.argv;
        job.input = input;
        job.timeout = a.timeout;
        job.label = fmt::format("{} {}->{}: {}", t.state.name, level_word(event.change.previous),
                                level_word(event.change.level), a.argv.front());
        job.env = {"CTGUARD_TENANT=" + t.state.name, "CTGUARD_LEVEL=" + level_word(event.change.level),
                   "CTGUARD_PREVIOUS=" + level_word(event.change.previous),
                   "CTGUARD_COUNT=" + std::to_string(event.change.count)};
        hooks_.submit(std::move(job));
    }
}

// Hooks get the event with its evidence, as they always have: a change waits for its own tenant's
// dump (on the evidence threads), never for anybody else's, while the loop goes on counting. A
// tenant has one dump in flight at most; changes that come meanwhile share the next one.
void Daemon::on_change(Tenant& t, Level previous, double now) {
    auto& s = t.state;
    log_info(fmt::format("tenant {}: {} -> {}: {} entries (max {}), {}", s.name, level_word(previous),
                         level_word(s.level), with_thousands(s.count), with_thousands(s.max),
                         forecast_text(s, t.spec.thresholds)));

    LevelEvent event;
    event.tenant = s.name;
    event.change = LevelChange{now, s.level, previous, s.count};
    event.max = s.max;
    event.thresholds = t.spec.thresholds;
    event.growth_per_second = s.growth_per_second;
    event.seconds_to_full = s.seconds_to_full;
    event.seconds_to_suspend = seconds_until(s.count, t.spec.thresholds.suspend, s.growth_per_second);
    run_actions(t, event, false);
    t.waiting.push_back(std::move(event));
    if (s.level == Level::ok) s.top.clear();  // a tenant at ok exports no top-N, from now on
    if (t.request == 0) request_evidence(t, true);
}

void Daemon::request_evidence(Tenant& t, bool for_changes) {
    EvidenceRequest r;
    r.id = ++last_request_;
    r.spec = t.spec;
    if (t.table) {
        r.netns_path = t.table->path();
        r.netns_id = t.table->id();
    }
    r.top = config_.top;
    r.processes = for_changes && t.spec.kind == TenantKind::host;
    if (auto queued = evidence_->submit(std::move(r)); !queued) {
        // A refresh just waits for the next top_interval.
        if (for_changes)
            complete_changes(t, t.waiting.size(),
                             missing_evidence(queued.error().what + ": " + queued.error().why));
        return;
    }
    t.request = last_request_;
    t.request_covers = for_changes ? t.waiting.size() : 0;
}

void Daemon::complete_changes(Tenant& t, size_t n, const Evidence& evidence) {
    if (!evidence.error.empty())
        log_warning(fmt::format("tenant {}: evidence incomplete: {}", t.state.name, evidence.error));
    for (size_t i = 0; i < n; ++i) {
        LevelEvent event = std::move(t.waiting.front());
        t.waiting.pop_front();
        event.evidence = evidence;
        event.evidence.level = event.change.level;
        event.evidence.count = event.change.count;
        if (!t.incident) {
            if (event.change.level != Level::ok) {
                t.incident = open_incident(t.state.name, event.change, event.evidence);
                record_count(*t.incident, std::exchange(t.waiting_peak, 0), Level::ok);
            }
        } else {
            record_change(*t.incident, event.change, event.evidence);
        }
        if (t.incident) {
            save(*t.incident);
            if (t.incident->end) t.incident.reset();
        }
        run_actions(t, event, true);
    }
    t.waiting_peak = 0;
}

void Daemon::take_results() {
    for (auto& r : evidence_->take()) {
        auto it = tenants_.find(r.tenant);
        if (it == tenants_.end() || it->second.request != r.id) continue;  // it went away meanwhile
        Tenant& t = it->second;
        t.request = 0;
        if (r.suspicious) {
            host_suspicious_ = *r.suspicious;
            processes_scanned_ = true;
        }
        if (t.request_covers > 0) complete_changes(t, t.request_covers, r.evidence);
        // /metrics' top-N is the latest evidence or refresh of a tenant that is not ok.
        t.state.top = t.state.level == Level::ok ? std::vector<TopResult>{} : std::move(r.evidence.top);
        t.next_top = monotonic_seconds() + config_.top_interval;
        if (!t.waiting.empty()) request_evidence(t, true);
    }
}

// Only tenants that are not ok export top-N (bounded labels), so only they are refreshed: each
// refresh is a dump, and a dump walks the kernel's whole table, every namespace's entries.
void Daemon::refresh_tops(double mono) {
    if (config_.top_interval <= 0) return;
    for (auto& [name, t] : tenants_) {
        if (!t.state.up || t.state.level == Level::ok || t.request != 0 || mono < t.next_top) continue;
        t.next_top = mono + config_.top_interval;
        request_evidence(t, false);
    }
}

void Daemon::evaluate(Tenant& t, double now, double mono) {
    auto& s = t.state;
    s.thresholds = t.spec.thresholds;
    if (!s.up) return;
    s.growth_per_second = t.growth.update(s.count, mono);
    s.seconds_to_full = seconds_until(s.count, s.max, s.growth_per_second);
    const Level previous = t.tracker.level();
    s.level = t.tracker.update(s.count, s.max, t.spec.thresholds, t.spec.recover_after, mono);
    if (s.level != previous) {
        on_change(t, previous, now);
        return;
    }
    if (t.incident) {
        if (record_count(*t.incident, s.count, s.level)) save(*t.incident);
    } else if (!t.waiting.empty()) {
        t.waiting_peak = std::max(t.waiting_peak, s.count);
    }
}

void Daemon::publish(double now, double took) {
    FleetSnapshot snap;
    snap.ts = now;
    snap.collect_duration_seconds = took;
    snap.collect_errors_total = collect_errors_;
    snap.suspicious_processes = host_suspicious_;
    snap.processes_scanned = processes_scanned_;
    size_t up = 0;
    for (const auto& [name, t] : tenants_) {
        snap.tenants.push_back(t.state);
        up += t.state.up ? 1 : 0;
    }
    if (options_.verbose) {
        log_info(fmt::format("interval: {} tenant(s), {} up, collected in {:.2f} ms", snap.tenants.size(), up,
                             took * 1000.0));
    }
    store_.publish(std::move(snap));
}

void Daemon::tick() {
    const double start = monotonic_seconds();
    const double now = wall_seconds();
    sync_tenants(now);
    read_counts();
    const double mono = monotonic_seconds();
    for (auto& [name, t] : tenants_) evaluate(t, now, mono);
    refresh_tops(mono);
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
    std::vector<std::string> removed;
    for (auto& [name, t] : tenants_) {
        const TenantSpec* match = nullptr;
        for (const auto& s : cfg->tenants) {
            bool same = t.glob.empty()
                            ? s.kind != TenantKind::netns_glob && s.name == name && s.same_source(t.spec)
                            : s.kind == TenantKind::netns_glob && s.netns == t.glob;
            if (same) {
                match = &s;
                break;
            }
        }
        // A namespace a glob found that is now listed by name belongs to the listed tenant.
        bool listed_now = !t.glob.empty() &&
                          std::any_of(cfg->tenants.begin(), cfg->tenants.end(), [&](const TenantSpec& s) {
                              return s.kind != TenantKind::netns_glob && s.name == name;
                          });
        if (!match || listed_now) {
            removed.push_back(name);
            continue;
        }
        t.spec.thresholds = match->thresholds;
        t.spec.recover_after = match->recover_after;
    }
    for (const auto& name : removed) {
        log_info(fmt::format("tenant {}: no longer in the configuration", name));
        drop_tenant(name, now, "removed");
    }
    if (cfg->db != config_.db || cfg->retention != config_.retention) {
        if (writer_) {
            for (const auto& i : writer_->finish()) {
                log_error(fmt::format("history {}: not saved, recorded here instead: {}", writer_->path(),
                                      incident_json(i).dump()));
            }
        }
        writer_.reset();
        if (!cfg->db.empty()) {
            writer_ = std::make_unique<HistoryWriter>(cfg->db, cfg->retention);
            for (const auto& [name, t] : tenants_) {
                if (t.incident) writer_->save(*t.incident);
            }
        }
    }
    if (cfg->listen != config_.listen) {
        log_warning(
            fmt::format("reload: listen changed to '{}'; restart the daemon to move /metrics", cfg->listen));
    }
    hooks_.set_max_running(cfg->max_running_actions);
    config_ = std::move(*cfg);
    log_info(fmt::format("reloaded {}: {} tenant definition(s), {} action(s)", options_.config_path,
                         config_.tenants.size(), config_.actions.size()));
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

    // Threads start only now, with the signals blocked.
    if (!config_.listen.empty()) {
        auto server = MetricsServer::start(config_.listen, [this] {
            auto snapshot = store_.latest();
            return snapshot ? prometheus_text(*snapshot) : std::string();
        });
        if (!server) return server.error();
        metrics_ = std::move(*server);
    }
    if (!config_.db.empty()) writer_ = std::make_unique<HistoryWriter>(config_.db, config_.retention);
    evidence_ = std::make_unique<EvidenceWorker>(options_.root, kEvidenceThreads, kEvidenceQueue);
    if (evidence_->ready_fd() < 0) return Error::from_errno("eventfd", errno);
    std::string metrics = "off";
    if (metrics_) {
        bool v6 = metrics_->host().find(':') != std::string::npos;
        metrics = fmt::format("http://{}{}{}:{}/metrics", v6 ? "[" : "", metrics_->host(), v6 ? "]" : "",
                              metrics_->port());
    }
    log_info(
        fmt::format("started: {} tenant definition(s), {} action(s), interval {:g} s, history {}, metrics {}",
                    config_.tenants.size(), config_.actions.size(), config_.interval,
                    config_.db.empty() ? "off" : config_.db, metrics));

    double next = monotonic_seconds();
    bool stop = false;
    while (!stop) {
        tick();
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
            hooks_.service(mono);
            double wake = next;
            if (auto d = hooks_.next_deadline()) wake = std::min(wake, *d);
            int timeout_ms = wake <= mono ? 0 : static_cast<int>(std::ceil((wake - mono) * 1000.0));
            pollfd p[2] = {{signals.get(), POLLIN, 0}, {evidence_->ready_fd(), POLLIN, 0}};
            bool reload_now = false;
            if (::poll(p, 2, timeout_ms) > 0) {
                signalfd_siginfo si{};
                while (::read(signals.get(), &si, sizeof si) == static_cast<ssize_t>(sizeof si)) {
                    if (si.ssi_signo == SIGTERM || si.ssi_signo == SIGINT) stop = true;
                    if (si.ssi_signo == SIGHUP) reload_now = true;
                }
                if (p[1].revents & POLLIN) take_results();
            }
            if (stop) break;
            if (reload_now) reload();
            if (monotonic_seconds() >= next) break;
        }
    }

    log_info("stopping");
    if (metrics_) metrics_->stop();
    // The dumps under way finish (a netlink dump cannot be cut short) and their changes get their
    // evidence; changes still waiting are recorded without.
    evidence_->stop();
    take_results();
    const double now = wall_seconds();
    for (auto& [name, t] : tenants_) end_incident(t, now, "shutdown");
    hooks_.shutdown(kStopGraceSeconds);
    if (writer_) {
        // The journal keeps what the database would not take.
        for (const auto& i : writer_->finish()) {
            log_error(fmt::format("history {}: not saved, recorded here instead: {}", writer_->path(),
                                  incident_json(i).dump()));
        }
    }
    log_info(fmt::format("stopped ({} hook/cap failure(s) since start)", hooks_.failures() + cap_failures_));
    return 0;
}

}  // namespace ctguard
