#include "analysis/rotation.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <numeric>
#include <string_view>

#include "analysis/suspicion.hpp"
#include "lib/digest.hpp"
#include "lib/text.hpp"

namespace ctguard {

namespace {

struct UnionFind {
    std::vector<size_t> parent;
    explicit UnionFind(size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0); }
    size_t find(size_t x) {
        while (parent[x] != x) x = parent[x] = parent[parent[x]];
        return x;
    }
    void join(size_t a, size_t b) { parent[find(a)] = find(b); }
};

std::string_view dir_of(std::string_view exe) {
    return exe.substr(0, exe.rfind('/') + 1);
}

}  // namespace

std::vector<std::string> instance_names(const ProcessReport& p) {
    std::vector<std::string> names = p.names.empty() ? std::vector<std::string>{p.info.comm} : p.names;
    std::string exe_name(base_name(p.info.exe).substr(0, kNameMaxLength));
    if (!exe_name.empty() && !names_related(names.front(), exe_name)) names.push_back(exe_name);
    std::vector<std::string> unique;
    for (auto& n : names) {
        if (std::find(unique.begin(), unique.end(), n) == unique.end()) unique.push_back(std::move(n));
    }
    return unique;
}

std::vector<RotatingGroup> find_rotating_groups(std::vector<ProcessReport>& processes) {
    std::vector<size_t> cand;  // indexes of instances that may rotate
    for (size_t i = 0; i < processes.size(); ++i) {
        const auto& p = processes[i];
        if (!p.info.kernel_thread && !p.info.exe.empty() && p.package_owned != true) cand.push_back(i);
    }
    UnionFind uf(cand.size());
    // Same binary: join on the hash.
    std::map<std::string, size_t> by_hash;
    for (size_t c = 0; c < cand.size(); ++c) {
        const auto& h = processes[cand[c]].sha256;
        if (h.empty()) continue;
        auto [it, inserted] = by_hash.emplace(h, c);
        if (!inserted) uf.join(c, it->second);
    }
    // Same directory and related, or the same destinations. Candidates are few (unpackaged
    // binaries), so the pairwise pass stays cheap.
    for (size_t a = 0; a < cand.size(); ++a) {
        const auto& pa = processes[cand[a]];
        for (size_t b = a + 1; b < cand.size(); ++b) {
            const auto& pb = processes[cand[b]];
            if (dir_of(pa.info.exe) != dir_of(pb.info.exe)) continue;
            bool related =
                pa.info.ppid == pb.info.pid || pb.info.ppid == pa.info.pid || pa.info.ppid == pb.info.ppid;
            bool same_dests =
                !pa.flows.destinations.empty() && pa.flows.destinations == pb.flows.destinations;
            if (related || same_dests) uf.join(a, b);
        }
    }

    std::map<size_t, std::vector<size_t>> members;  // root -> process indexes, in input order
    for (size_t c = 0; c < cand.size(); ++c) members[uf.find(c)].push_back(cand[c]);
    std::vector<RotatingGroup> groups;
    for (const auto& [root, idx] : members) {
        if (idx.size() < 2) continue;
        RotatingGroup g;
        std::vector<std::string> hashes;
        for (size_t i : idx) {
            const auto& p = processes[i];
            for (auto& n : instance_names(p)) {
                if (std::find(g.names.begin(), g.names.end(), n) == g.names.end())
                    g.names.push_back(std::move(n));
            }
            if (std::find(g.pids.begin(), g.pids.end(), p.info.pid) == g.pids.end())
                g.pids.push_back(p.info.pid);
            if (!p.sha256.empty()) hashes.push_back(p.sha256);
            if (p.born) ++g.respawns;
        }
        if (g.names.size() < 2) continue;
        g.exe = processes[idx.front()].info.exe;
        std::sort(hashes.begin(), hashes.end());
        g.sha256 = hashes.empty() ? "" : hashes.front();
        // The id follows the binary, so a later run (procs --kill GROUP) finds the same group.
        std::string basis = g.sha256.empty() ? sha256_hex(dir_of(g.exe)) : g.sha256;
        g.id = 'g' + basis.substr(0, 10);
        for (size_t i : idx) processes[i].group = g.id;
        groups.push_back(std::move(g));
    }
    std::stable_sort(groups.begin(), groups.end(), [](const RotatingGroup& a, const RotatingGroup& b) {
        return a.pids.size() > b.pids.size();
    });
    return groups;
}

void judge_groups(std::vector<RotatingGroup>& groups, const std::vector<ProcessReport>& processes,
                  const NameModel& model) {
    for (auto& g : groups) {
        g.reasons.clear();
        g.suspicious = false;
        size_t random = 0;
        bool deleted = false, unpackaged = false;
        for (const auto& p : processes) {
            if (p.group != g.id) continue;
            g.suspicious = g.suspicious || p.suspicious;
            deleted = deleted || p.info.exe_deleted;
            unpackaged = unpackaged || p.package_owned == false;
        }
        for (const auto& n : g.names) random += model.is_random(n);
        g.reasons.push_back(fmt::format("{} names for {}: {}", g.names.size(),
                                        g.sha256.empty() ? "binaries in one directory" : "one binary",
                                        fmt::join(g.names, ", ")));
        if (g.respawns > 0)
            g.reasons.push_back(fmt::format("respawned {} time(s) while watched", g.respawns));
        if (random > 0) g.reasons.push_back(fmt::format("{} of the names look random", random));
        if (auto where = risky_location(g.exe); !where.empty()) g.reasons.push_back("runs from " + where);
        if (deleted) g.reasons.push_back("binary deleted after start");
        if (unpackaged) g.reasons.push_back("binary not from any installed package");
    }
}

}  // namespace ctguard
