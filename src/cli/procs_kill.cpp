#include "cli/procs_kill.hpp"

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <set>
#include <thread>

#include "analysis/name_model.hpp"
#include "collect/procs_collect.hpp"
#include "host/persistence_places.hpp"
#include "host/process_control.hpp"
#include "host/process_reader.hpp"
#include "lib/atomic_file.hpp"
#include "lib/digest.hpp"
#include "lib/json_text.hpp"

namespace ctguard {

namespace {

// Rounds of "look for members we have not stopped yet": a member may have forked just before it
// was stopped; its child shows up in the next round. Bounded so a runaway cannot keep us here.
constexpr int kStopRounds = 5;

bool is_member(const ProcessReport& p, const RotatingGroup& g, const std::set<int>& stopped) {
    if (p.info.kernel_thread || p.exited) return false;
    return p.group == g.id || stopped.count(p.info.ppid) > 0 || (!g.sha256.empty() && p.sha256 == g.sha256);
}

Result<std::set<int>> stop_members(const RootDir& root, const RotatingGroup& g,
                                   std::vector<std::string>& names) {
    std::set<int> stopped;
    for (int round = 0; round < kStopRounds; ++round) {
        ProcessCollector look(root);
        if (auto r = look.snapshot(); !r) return r.error();
        ProcsReport rep = look.finish(NameModel::builtin());
        size_t before = stopped.size();
        for (const auto& p : rep.processes) {
            if (stopped.count(p.info.pid) || !is_member(p, g, stopped) || p.info.pid == ::getpid()) continue;
            if (auto r = send_signal(p.info.pid, SIGSTOP); !r) return r.error();
            stopped.insert(p.info.pid);
            for (const auto& n : p.names) {
                if (std::find(names.begin(), names.end(), n) == names.end()) names.push_back(n);
            }
        }
        if (stopped.size() == before && round > 0) break;
    }
    return stopped;
}

}  // namespace

Result<KillSummary> kill_group(const RootDir& root, const KillRequest& req) {
    ProcessCollector collector(root);
    if (auto r = collector.snapshot(); !r) return r.error();
    ProcsReport report = collector.finish(NameModel::builtin());
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
    auto stopped = stop_members(root, *g, k.names);
    if (!stopped) return stopped.error();
    k.stopped.assign(stopped->begin(), stopped->end());

    // Evidence: one copy per distinct binary among the stopped members, named by its hash.
    k.evidence_dir = req.evidence_dir + "/" + g->id;
    std::error_code ec;
    std::filesystem::create_directories(root.path(k.evidence_dir), ec);
    if (ec) return Error::from_errno("evidence directory " + root.path(k.evidence_dir), ec.value());
    std::set<std::string> kept;
    nlohmann::json members = nlohmann::json::array();
    for (int pid : k.stopped) {
        auto info = read_process(root, pid, boot_time(root));
        if (info) {
            members.push_back({{"pid", pid},
                               {"comm", info->comm},
                               {"exe", info->exe},
                               {"exe_deleted", info->exe_deleted},
                               {"cmdline", info->cmdline}});
        }
        auto bytes = read_running_binary(root, pid);
        if (!bytes) continue;
        std::string hash = sha256_hex(*bytes);
        if (!kept.insert(hash).second) continue;
        std::string file = k.evidence_dir + "/" + hash + ".bin";
        if (auto w = write_file_atomic(root.path(file), *bytes, 0400); !w) return w.error();
        k.evidence_files.push_back(file);
    }
    nlohmann::json manifest = {{"group", g->id},
                               {"names", k.names},
                               {"sha256", std::vector<std::string>(kept.begin(), kept.end())},
                               {"members", members},
                               {"reasons", g->reasons},
                               {"at", static_cast<int64_t>(std::time(nullptr))}};
    std::string manifest_file = k.evidence_dir + "/manifest.json";
    if (auto w = write_file_atomic(root.path(manifest_file), json_text(manifest, 2) + "\n", 0600); !w)
        return w.error();
    k.evidence_files.push_back(manifest_file);

    for (int pid : k.stopped) {
        if (auto r = send_signal(pid, SIGKILL); !r) return r.error();
        k.killed.push_back(pid);
    }
    // Give the kernel a moment to reap them, so a following `procs` does not list them.
    for (int i = 0; i < 50; ++i) {
        bool any = std::any_of(k.killed.begin(), k.killed.end(), [](int pid) { return ::kill(pid, 0) == 0; });
        if (!any) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }

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
