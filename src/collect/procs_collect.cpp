#include "collect/procs_collect.hpp"

#include <poll.h>
#include <signal.h>
#include <sys/stat.h>

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <memory>
#include <set>

#include "analysis/flow_owner.hpp"
#include "analysis/process_flows.hpp"
#include "analysis/rotation.hpp"
#include "analysis/suspicion.hpp"
#include "host/local_addresses.hpp"
#include "host/preloaded_libraries.hpp"
#include "host/process_reader.hpp"
#include "host/socket_table.hpp"
#include "lib/digest.hpp"
#include "lib/log.hpp"
#include "lib/stop_flag.hpp"
#include "netfilter/conntrack_source.hpp"

namespace ctguard {

namespace {

using Clock = std::chrono::steady_clock;

// Fallback polling period: short enough to see processes that live for a fraction of a second.
constexpr auto kPollPeriod = std::chrono::milliseconds(100);
constexpr auto kSnapshotPeriod = std::chrono::seconds(1);
// Bounded: on a busy machine every listing has newcomers; each round closes most of the window.
constexpr int kRelistRounds = 3;

// A dump of the kernel's table per call; none when it cannot be opened.
FlowSource kernel_flows(const RootDir& root) {
    auto table = ConntrackSource::open(root);
    if (!table) {
        warn_once(table.error().what + ": " + table.error().why + "; showing processes without flows");
        return {};
    }
    // Shared: a std::function must be copyable, a source is not.
    return [source = std::make_shared<ConntrackSource>(std::move(*table))](FlowSink& sink) -> Result<void> {
        auto dump = source->dump(sink);
        if (!dump) return dump.error();
        return {};
    };
}

}  // namespace

ProcessCollector::ProcessCollector(RootDir root) : ProcessCollector(root, kernel_flows(root)) {}

ProcessCollector::ProcessCollector(RootDir root, FlowSource flows)
    : root_(std::move(root)), btime_(boot_time(root_)), flows_(std::move(flows)) {
    report_.have_table = static_cast<bool>(flows_);
}

ProcessReport* ProcessCollector::current(int pid) {
    auto it = live_.find(pid);
    return it == live_.end() ? nullptr : &instances_[it->second];
}

void ProcessCollector::hash_exe(ProcessReport& r) {
    // /proc/PID/exe opens the running binary even after it was deleted or replaced.
    std::string path = root_.path("/proc/" + std::to_string(r.info.pid) + "/exe");
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return;
    auto key = std::make_pair(static_cast<uint64_t>(st.st_dev), static_cast<uint64_t>(st.st_ino));
    auto it = hashes_.find(key);
    if (it == hashes_.end()) {
        ExeHash h;
        if (auto hex = sha256_file(path)) {
            h.sha256 = std::move(*hex);
        } else if (errno == EFBIG) {
            // A binary on a huge sparse file is not hashed at all (hash_file_max): say so, go on.
            h.note = fmt::format("too large to hash (over {} MiB)", hash_file_max >> 20);
            warn_once("pid " + std::to_string(r.info.pid) + ": its binary is " + h.note);
        } else {
            return;
        }
        it = hashes_.emplace(key, std::move(h)).first;
    }
    r.sha256 = it->second.sha256;
    r.hash_note = it->second.note;
}

ProcessReport* ProcessCollector::add_instance(int pid, bool born) {
    auto info = read_process(root_, pid, btime_);
    if (!info) return nullptr;
    ProcessReport* cur = current(pid);
    // An exec right after the fork we recorded: the same instance, now running its own program.
    bool reuse = cur && from_fork_[pid] && cur->info.start_ticks == info->start_ticks;
    if (cur && !reuse) {
        if (cur->info.start_ticks == info->start_ticks && cur->info.exe == info->exe &&
            cur->info.comm == info->comm) {
            return cur;  // nothing changed (we read it after the exec already)
        }
        cur->exited = watching_;
    }
    ProcessReport r;
    r.info = std::move(*info);
    r.names = {r.info.comm};
    r.born = born;
    // Every binary is hashed once (by inode): rotation and allow.toml entries go by the hash.
    if (!r.info.exe.empty() && !r.info.kernel_thread) hash_exe(r);
    if (!r.info.ld_preload.empty()) {
        r.preloaded = read_preloaded_libraries(root_, pid, r.info.ld_preload, hiding_functions());
        // Read after the process: another process under a reused pid would lend it its libraries.
        if (read_start_ticks(root_, pid) != r.info.start_ticks) r.preloaded.clear();
    }
    size_t index = reuse ? live_[pid] : instances_.size();
    root_key_.erase(index);
    if (r.info.own_root) {
        // Remember which filesystem it sees while it is alive: its package database is read later.
        struct stat st {};
        if (::stat(root_.path("/proc/" + std::to_string(pid) + "/root").c_str(), &st) == 0) {
            std::string key = fmt::format("{}:{}", st.st_dev, st.st_ino);
            root_pid_[key] = pid;
            root_key_[index] = std::move(key);
        }
    }
    if (reuse) {
        *cur = std::move(r);
    } else {
        live_[pid] = index;
        started_ += born ? 1 : 0;
        instances_.push_back(std::move(r));
    }
    from_fork_[pid] = false;
    return &instances_[index];
}

void ProcessCollector::mark_exited(int pid) {
    if (ProcessReport* p = current(pid)) p->exited = true;
    live_.erase(pid);
    from_fork_.erase(pid);
}

void ProcessCollector::resolve_ownership() {
    std::map<std::string, std::set<std::string>> unknown;  // root key -> exe paths not asked yet
    auto key_of = [&](size_t i) {
        auto it = root_key_.find(i);
        return it == root_key_.end() ? std::string() : it->second;
    };
    for (size_t i = 0; i < instances_.size(); ++i) {
        auto& p = instances_[i];
        if (p.info.exe.empty() || p.info.exe.starts_with("/memfd:")) continue;
        // A process in a container whose root we could not pin is not judged by our database.
        p.ownership_unchecked = p.info.own_root && key_of(i).empty();
        if (p.ownership_unchecked) continue;
        if (!owners_.count({key_of(i), p.info.exe})) unknown[key_of(i)].insert(p.info.exe);
        for (const auto& lib : p.preloaded) {
            if (!lib.note.empty() || owners_.count({key_of(i), lib.path})) continue;
            unknown[key_of(i)].insert(lib.path);
        }
    }
    for (const auto& [key, paths] : unknown) {
        RootDir fs = key.empty() ? root_ : RootDir{root_.path("/proc/" + std::to_string(root_pid_[key]) + "/root")};
        auto found = find_package_owners(fs, paths, key.empty() ? "" : "container ");
        const bool no_db = std::any_of(found.begin(), found.end(), [](const auto& f) { return !f.second.owned; });
        if (key.empty() && no_db && !warned_no_db_) {
            warned_no_db_ = true;
            warn_once("no dpkg or apk database under " + root_.path("/") + "; package ownership not checked");
        }
        for (auto& [path, owner] : found) owners_[{key, path}] = std::move(owner);
    }
    for (size_t i = 0; i < instances_.size(); ++i) {
        auto& p = instances_[i];
        for (auto& lib : p.preloaded) {
            if (auto owner = owners_.find({key_of(i), lib.path}); owner != owners_.end())
                lib.package_owned = owner->second.owned;
        }
        auto it = owners_.find({key_of(i), p.info.exe});
        if (it == owners_.end()) continue;
        p.package_owned = it->second.owned;
        p.package = it->second.package;
        p.package_db = it->second.db;
        // A deleted binary whose path a package owns now: the package was upgraded while it ran.
        p.upgraded = p.info.exe_deleted && it->second.owned == true;
    }
}

Result<void> ProcessCollector::snapshot(FlowSink* also) {
    SocketSnapshot sockets = collect_sockets(root_);
    report_.socket_source = sockets.source;

    std::unordered_map<int, ProcessFlows> flows;
    if (flows_) {
        FlowAttributor attributor(sockets.inet, sockets.owners, read_local_addresses(root_));
        ProcessFlowCounter counter(attributor);
        FanOutSink both{&counter, also};
        if (auto fed = also ? flows_(both) : flows_(counter); !fed) return fed.error();
        report_.totals = counter.totals();
        flows = counter.result();
    }
    for (const auto& raw : sockets.raw) {
        auto holder = sockets.owners.holder.find(raw.inode);
        if (holder == sockets.owners.holder.end()) continue;
        ProcessFlows& f = flows[holder->second];
        (raw.kind == RawKind::raw ? f.raw_sockets : f.packet_sockets) += 1;
    }

    // Processes: new ones read, known ones checked for renames and pid reuse, missing ones gone.
    std::set<int> seen;
    auto look_at = [&](int pid) {
        ProcessReport* p = current(pid);
        if (!p) {
            add_instance(pid, watching_);
            return;
        }
        auto info = read_process(root_, pid, btime_);
        if (!info) return;
        if (info->start_ticks != p->info.start_ticks || info->exe != p->info.exe) {
            add_instance(pid, watching_);
        } else if (info->comm != p->info.comm) {
            p->info.comm = info->comm;
            p->names.push_back(info->comm);
        }
    };
    for (int pid : sockets.pids) {
        seen.insert(pid);
        look_at(pid);
    }
    // The list above is as old as the socket scan and the dump. A process that respawned since
    // (copy, fork, exec, the parent exits: every few seconds for droppers) is gone from it and its
    // child is not in it yet, so the snapshot would miss the whole chain: list again for newcomers.
    for (int round = 0; round < kRelistRounds; ++round) {
        bool added = false;
        for (int pid : list_pids(root_)) {
            if (!seen.insert(pid).second) continue;
            look_at(pid);
            added = true;
        }
        if (!added) break;
    }
    std::vector<int> gone;
    for (const auto& [pid, idx] : live_) {
        if (!seen.count(pid)) gone.push_back(pid);
    }
    for (int pid : gone) mark_exited(pid);

    // Flows: the latest counts, destinations collected over the whole watch.
    for (auto& [pid, f] : flows) {
        ProcessReport* p = current(pid);
        if (!p) continue;
        f.destinations.insert(p->flows.destinations.begin(), p->flows.destinations.end());
        f.login_destinations.insert(p->flows.login_destinations.begin(), p->flows.login_destinations.end());
        f.mining_ports.insert(p->flows.mining_ports.begin(), p->flows.mining_ports.end());
        p->flows = std::move(f);
        // A miner's other mark is its CPU use: read only where the pool port makes it a question.
        if (!p->flows.mining_ports.empty()) p->cpu = read_cpu_use(root_, pid, p->info.start_ticks);
    }
    resolve_ownership();
    return {};
}

void ProcessCollector::apply(const ProcEvent& e) {
    ++report_.events;
    switch (e.type) {
        case ProcEvent::Type::fork:
            if (add_instance(e.pid, true)) from_fork_[e.pid] = true;
            break;
        case ProcEvent::Type::exec:
            add_instance(e.pid, true);
            break;
        case ProcEvent::Type::comm:
            if (ProcessReport* p = current(e.pid); p && p->info.comm != e.comm) {
                p->info.comm = e.comm;
                p->names.push_back(e.comm);
            }
            break;
        case ProcEvent::Type::exit:
            mark_exited(e.pid);
            break;
    }
}

void ProcessCollector::poll_pids() {
    auto pids = list_pids(root_);
    std::unordered_map<int, bool> now;
    for (int pid : pids) {
        now[pid] = true;
        if (!current(pid)) {
            ++report_.events;
            add_instance(pid, true);
        }
    }
    std::vector<int> gone;
    for (const auto& [pid, idx] : live_) {
        if (!now.count(pid)) gone.push_back(pid);
    }
    for (int pid : gone) {
        ++report_.events;
        mark_exited(pid);
    }
}

Result<void> ProcessCollector::watch(double seconds, FlowSink* also,
                                     const std::function<void(const WatchProgress&)>& progress) {
    // SIGINT/SIGTERM end the watch early; it still reports what it saw.
    StopFlag interrupt({SIGINT, SIGTERM});
    std::optional<ProcConnector> connector;
    if (root_.live()) {
        auto c = ProcConnector::open();
        if (c) {
            connector.emplace(std::move(*c));
        } else {
            warn_once("proc connector unavailable (" + c.error().why + "); polling /proc instead");
        }
    }
    report_.events_source = connector ? "cn_proc" : "poll";
    // Subscribe first, then look: nothing that starts in between is missed.
    if (auto r = snapshot(also); !r) return r;
    watching_ = true;

    const auto start = Clock::now();
    const auto end =
        start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
    auto next_snapshot = start + kSnapshotPeriod;
    std::vector<ProcEvent> events;
    while (true) {
        auto now = Clock::now();
        if (now >= end) break;
        if (interrupt.raised()) {
            report_.interrupted = true;
            break;
        }
        auto wake = std::min({end, next_snapshot, connector ? end : now + kPollPeriod});
        auto wait_ms = std::chrono::duration_cast<std::chrono::milliseconds>(wake - now).count();
        if (connector) {
            pollfd pfd{connector->fd(), POLLIN, 0};
            ::poll(&pfd, 1, static_cast<int>(std::max<int64_t>(1, wait_ms)));
            events.clear();
            if (auto r = connector->read_events(events); !r) return r;
            for (const auto& e : events) apply(e);
        } else {
            ::poll(nullptr, 0, static_cast<int>(std::max<int64_t>(1, wait_ms)));
            poll_pids();
        }
        if (Clock::now() >= next_snapshot) {
            if (auto r = snapshot(); !r) return r;
            next_snapshot += kSnapshotPeriod;
            if (progress) {
                progress({std::chrono::duration<double>(Clock::now() - start).count(), seconds,
                          instances_.size(), started_});
            }
        }
    }
    if (auto r = snapshot(); !r) return r;
    report_.watched_seconds = std::chrono::duration<double>(Clock::now() - start).count();
    if (connector) report_.overruns = connector->overruns();
    if (report_.overruns > 0) {
        warn_once("the kernel dropped process events " + std::to_string(report_.overruns) +
                  " time(s); some were missed");
    }
    return {};
}

ProcsReport ProcessCollector::finish(const SuspicionContext& ctx) {
    resolve_ownership();
    report_.processes = std::move(instances_);
    auto& procs = report_.processes;
    report_.rotating = find_rotating_groups(procs);
    for (auto& p : procs) assess(p, ctx);
    judge_groups(report_.rotating, procs);
    std::stable_sort(procs.begin(), procs.end(),
                     [](const ProcessReport& a, const ProcessReport& b) { return a.info.pid < b.info.pid; });
    instances_.clear();
    live_.clear();
    root_key_.clear();
    return std::move(report_);
}

}  // namespace ctguard
