#include "cli/procs_kill.hpp"

#include <fmt/format.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <ctime>
#include <map>
#include <set>

#include "analysis/name_model.hpp"
#include "collect/process_pin.hpp"
#include "collect/procs_collect.hpp"
#include "host/persistence_places.hpp"
#include "host/process_control.hpp"
#include "host/process_reader.hpp"
#include "lib/atomic_file.hpp"
#include "lib/digest.hpp"
#include "lib/json_text.hpp"
#include "lib/open_dir.hpp"

namespace ctguard {

namespace {

// Rounds of "look for members we have not stopped yet": a member may have forked just before it
// was stopped; its child shows up in the next round. Bounded so a runaway cannot keep us here.
constexpr int kStopRounds = 5;
// How long the killed members get to disappear, so a following `procs` does not list them.
constexpr int kReapWaitMs = 1000;

using Stopped = std::map<int, UniqueFd>;  // pid -> pidfd of the judged instance

bool is_member(const ProcessReport& p, const RotatingGroup& g, const Stopped& stopped) {
    if (p.info.kernel_thread || p.exited) return false;
    return p.group == g.id || stopped.count(p.info.ppid) > 0 || (!g.sha256.empty() && p.sha256 == g.sha256);
}

Result<Stopped> stop_members(const RootDir& root, const RotatingGroup& g, KillSummary& k) {
    Stopped stopped;
    for (int round = 0; round < kStopRounds; ++round) {
        ProcessCollector look(root);
        if (auto r = look.snapshot(); !r) return r.error();
        ProcsReport rep = look.finish({NameModel::builtin(), nullptr, {}});
        size_t before = stopped.size();
        for (const auto& p : rep.processes) {
            if (stopped.count(p.info.pid) || !is_member(p, g, stopped) || p.info.pid == ::getpid()) continue;
            std::string refusal;
            auto pidfd = pin_judged(root, p.info, refusal);
            if (!pidfd) return pidfd.error();
            if (!*pidfd) {
                k.skipped.push_back(refusal);
                continue;
            }
            if (auto r = signal_pidfd(**pidfd, p.info.pid, SIGSTOP); !r) return r.error();
            stopped.emplace(p.info.pid, std::move(**pidfd));
            for (const auto& n : p.names) {
                if (std::find(k.names.begin(), k.names.end(), n) == k.names.end()) k.names.push_back(n);
            }
        }
        if (stopped.size() == before && round > 0) break;
    }
    return stopped;
}

// A directory of the evidence path must be ours and writable by nobody else: a directory someone else
// made in advance, or may write to, lets them swap what we keep or read it.
Result<void> check_ours(int fd, const std::string& path) {
    struct stat st {};
    if (::fstat(fd, &st) != 0) return Error::from_errno("stat " + path, errno);
    if (st.st_uid != ::geteuid())
        return Error::unavailable(path, "is owned by uid " + std::to_string(st.st_uid) + ", not by us");
    if ((st.st_mode & 022) != 0) return Error::unavailable(path, "is writable by group or others");
    return {};
}

// DIR/GROUP with no symlink anywhere on the path (open_dir refuses them); what is missing is made 0700.
// The group's directory is set to 0700 whatever it was.
Result<UniqueFd> open_evidence_dir(const std::string& dir, const std::string& group) {
    auto top = open_dir(RootDir{}, dir, Symlinks::refuse, 0700);
    if (!top) return top.error();
    if (auto ok = check_ours(top->get(), dir); !ok) return ok.error();
    const std::string path = dir + "/" + group;
    auto g = open_dir(RootDir{}, path, Symlinks::refuse, 0700);
    if (!g) return g.error();
    if (auto ok = check_ours(g->get(), path); !ok) return ok.error();
    if (::fchmod(g->get(), 0700) != 0) return Error::from_errno("chmod " + path, errno);
    return g;
}

// One copy per distinct binary among the stopped members, named by its hash, and a manifest. Nothing
// here stops the kill: a problem becomes a line in k.evidence_problems.
void keep_evidence(const RootDir& root, const std::string& evidence_root, const RotatingGroup& g,
                   const Stopped& stopped, KillSummary& k) {
    auto problem = [&](const Error& e) { k.evidence_problems.push_back(e.what + ": " + e.why); };
    auto dir = open_evidence_dir(evidence_root, g.id);
    if (!dir) return problem(dir.error());
    std::set<std::pair<dev_t, ino_t>> copied;
    std::set<std::string> hashes;
    nlohmann::json members = nlohmann::json::array();
    nlohmann::json binaries = nlohmann::json::array();
    const int64_t btime = boot_time(root);
    for (const auto& [pid, pidfd] : stopped) {
        auto info = read_process(root, pid, btime);
        if (!info) {
            // It exited between the look and SIGSTOP (a respawner's old generation): a zombie has no
            // binary to open, and one it shared with the others is kept from them.
            members.push_back({{"pid", pid}, {"exited", true}});
            continue;
        }
        members.push_back({{"pid", pid},
                           {"comm", info->comm},
                           {"exe", info->exe},
                           {"exe_deleted", info->exe_deleted},
                           {"cmdline", info->cmdline},
                           {"start_ticks", info->start_ticks}});
        auto bin = open_running_binary(pid);
        if (!bin) {
            problem(bin.error());
            continue;
        }
        if (!copied.insert({bin->dev, bin->inode}).second) continue;
        auto copy = copy_binary(*bin, dir->get(), k.evidence_dir, hash_file_max);
        if (!copy) {
            problem(copy.error());
            continue;
        }
        hashes.insert(copy->sha256);
        k.evidence_files.push_back(k.evidence_dir + "/" + copy->name);
        if (copy->cut) {
            k.evidence_notes.push_back(fmt::format("{}: only the first {} MiB of {} bytes were kept", copy->name,
                                                   hash_file_max >> 20, copy->size));
        }
        binaries.push_back({{"file", copy->name},
                            {"sha256", copy->sha256},
                            {"bytes", copy->kept},
                            {"size", copy->size},
                            {"cut", copy->cut}});
    }
    if (binaries.empty() && k.evidence_problems.empty())
        k.evidence_problems.push_back("no binary kept: every member had exited before it was stopped");
    nlohmann::json manifest = {{"group", g.id},
                               {"names", k.names},
                               {"sha256", std::vector<std::string>(hashes.begin(), hashes.end())},
                               {"binaries", binaries},
                               {"members", members},
                               {"skipped", k.skipped},
                               {"problems", k.evidence_problems},
                               {"reasons", g.reasons},
                               {"at", static_cast<int64_t>(std::time(nullptr))}};
    if (auto w = write_file_atomic_at(dir->get(), "manifest.json", json_text(manifest, 2) + "\n", 0600,
                                      k.evidence_dir + "/manifest.json");
        !w) {
        return problem(w.error());
    }
    k.evidence_files.push_back(k.evidence_dir + "/manifest.json");
}

}  // namespace

Result<KillSummary> kill_group(const RootDir& root, const KillRequest& req) {
    ProcessCollector collector(root);
    if (auto r = collector.snapshot(); !r) return r.error();
    ProcsReport report = collector.finish({NameModel::builtin(), nullptr, {}});
    auto g = std::find_if(report.rotating.begin(), report.rotating.end(),
                          [&](const RotatingGroup& x) { return x.id == req.group; });
    if (g == report.rotating.end()) {
        return Error::unavailable("procs --kill", "no rotating group '" + req.group + "' is running",
                                  "run 'ctguard procs' to list groups (ids look like g1a2b3c4d5e)");
    }
    if (!req.yes) {
        return Error::usage("procs --kill", "killing group " + g->id + " (" + std::to_string(g->pids.size()) +
                                                " processes) needs --yes");
    }

    KillSummary k;
    k.group = g->id;
    k.sha256 = g->sha256;
    k.names = g->names;
    auto stopped = stop_members(root, *g, k);
    if (!stopped) return stopped.error();
    for (const auto& [pid, pidfd] : *stopped) k.stopped.push_back(pid);

    k.evidence_dir = req.evidence_dir + "/" + g->id;
    keep_evidence(root, req.evidence_dir, *g, *stopped, k);

    // Through the pidfds taken when each member was stopped: only those processes can be hit.
    std::vector<const UniqueFd*> killed;
    for (const auto& [pid, pidfd] : *stopped) {
        if (auto r = signal_pidfd(pidfd, pid, SIGKILL); !r) return r.error();
        k.killed.push_back(pid);
        killed.push_back(&pidfd);
    }
    wait_exited(killed, kReapWaitMs);

    k.places = persistence_places();
    std::vector<std::string> needles;
    for (const auto& p : report.processes) {
        if (p.group == g->id && !p.info.exe.empty()) needles.push_back(p.info.exe);
    }
    for (const auto& n : k.names) {
        if (n.size() >= 4) needles.push_back(n);  // shorter names would match everywhere
    }
    for (auto& hit : find_persistence(root, needles)) k.references.emplace_back(hit.file, hit.mention);
    return k;
}

}  // namespace ctguard
