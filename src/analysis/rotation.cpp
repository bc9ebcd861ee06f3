#include "analysis/rotation.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <numeric>
#include <set>
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

// `b` replaced `a` while we watched, under another name: an exec in place, or a child of `a` that
// outlived it.
bool replaced(const ProcessReport& a, const ProcessReport& b) {
    if (!a.exited || !b.born || a.info.exe == b.info.exe) return false;
    if (a.info.start_ticks > b.info.start_ticks) return false;
    const bool exec_in_place = a.info.pid == b.info.pid && a.info.start_ticks == b.info.start_ticks;
    const bool child = b.info.ppid == a.info.pid;
    return exec_in_place || child;
}

void add_unique(std::vector<std::string>& to, std::string s) {
    if (std::find(to.begin(), to.end(), s) == to.end()) to.push_back(std::move(s));
}

// Names that are not one program's: "ctguard" and "ctguard-before-fix", or "kubectl" and "k", are
// copies a person made and named; malware's new names have nothing in common with the old ones.
template <class Names>
size_t unrelated_names(const Names& names) {
    std::vector<std::string_view> kept;
    for (const auto& n : names) {
        bool related = std::any_of(kept.begin(), kept.end(), [&](std::string_view k) { return names_related(k, n); });
        if (!related) kept.push_back(n);
    }
    return kept.size();
}

}  // namespace

std::vector<std::string> instance_names(const ProcessReport& p) {
    std::vector<std::string> names = p.names.empty() ? std::vector<std::string>{p.info.comm} : p.names;
    std::string exe_name(base_name(p.info.exe).substr(0, kNameMaxLength));
    if (!exe_name.empty() && !names_related(names.front(), exe_name)) names.push_back(exe_name);
    std::vector<std::string> unique;
    for (auto& n : names) add_unique(unique, std::move(n));
    return unique;
}

std::vector<RotatingGroup> find_rotating_groups(std::vector<ProcessReport>& processes) {
    std::vector<size_t> cand;  // indexes of instances that may rotate
    for (size_t i = 0; i < processes.size(); ++i) {
        const auto& p = processes[i];
        // A container process gone before its package database was asked (a script's short-lived
        // children) is not known to be unpackaged: its packaged shell under many script names would
        // otherwise look like one binary under many names.
        if (!p.info.kernel_thread && !p.info.exe.empty() && p.package_owned != true && !p.ownership_unchecked)
            cand.push_back(i);
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
    // Replacements seen while watching. Only born and exited instances can take part, and there are
    // few of those, so the pairwise pass stays cheap.
    std::vector<size_t> moving;
    for (size_t c = 0; c < cand.size(); ++c) {
        if (processes[cand[c]].born || processes[cand[c]].exited) moving.push_back(c);
    }
    std::vector<std::pair<size_t, size_t>> chain;  // (replaced, replacement) candidate indexes
    for (size_t a : moving) {
        for (size_t b : moving) {
            if (a != b && replaced(processes[cand[a]], processes[cand[b]])) {
                uf.join(a, b);
                chain.emplace_back(a, b);
            }
        }
    }

    std::map<size_t, std::vector<size_t>> members;  // root -> candidate indexes, in input order
    for (size_t c = 0; c < cand.size(); ++c) members[uf.find(c)].push_back(c);
    std::vector<RotatingGroup> groups;
    for (const auto& [root, idx] : members) {
        if (idx.size() < 2) continue;
        RotatingGroup g;
        std::map<std::string, std::set<std::string>> names_of_hash;
        std::vector<std::string> hashes;
        for (size_t c : idx) {
            const auto& p = processes[cand[c]];
            for (auto& n : instance_names(p)) {
                if (!p.sha256.empty()) names_of_hash[p.sha256].insert(n);
                add_unique(g.names, std::move(n));
            }
            if (std::find(g.pids.begin(), g.pids.end(), p.info.pid) == g.pids.end()) g.pids.push_back(p.info.pid);
            if (!p.sha256.empty()) hashes.push_back(p.sha256);
            if (p.born) ++g.respawns;
        }
        size_t most_names = 0;
        for (const auto& [h, names] : names_of_hash) most_names = std::max(most_names, unrelated_names(names));
        // Replacements, not links: an exec in place after a fork is linked to both the parent and the fork.
        std::set<size_t> replacements;
        for (const auto& [a, b] : chain) {
            if (uf.find(a) == root) replacements.insert(b);
        }
        const size_t hops = replacements.size();
        if (most_names >= 2) {
            g.evidence = fmt::format("one binary under {} names", most_names);
            g.one_binary = true;
        } else if (hops >= 2 && unrelated_names(g.names) >= 3) {
            g.evidence = fmt::format("each replaced the last under a new name while watched ({} times)", hops);
        } else {
            continue;
        }
        g.exe = processes[cand[idx.front()]].info.exe;
        std::sort(hashes.begin(), hashes.end());
        g.sha256 = hashes.empty() ? "" : hashes.front();
        // The id follows the binary, so a later run (procs --kill GROUP) finds the same group.
        std::string basis = g.sha256.empty() ? sha256_hex(g.exe) : g.sha256;
        g.id = 'g' + basis.substr(0, 10);
        for (size_t c : idx) processes[cand[c]].group = g.id;
        groups.push_back(std::move(g));
    }
    std::stable_sort(groups.begin(), groups.end(), [](const RotatingGroup& a, const RotatingGroup& b) {
        return a.pids.size() > b.pids.size();
    });
    return groups;
}

void judge_groups(std::vector<RotatingGroup>& groups, const std::vector<ProcessReport>& processes) {
    for (auto& g : groups) {
        g.reasons.clear();
        g.suspicious = false;
        bool deleted = false, unpackaged = false;
        std::vector<std::string> signals;
        for (const auto& p : processes) {
            if (p.group != g.id) continue;
            g.suspicious = g.suspicious || p.suspicious;
            deleted = deleted || p.info.exe_deleted;
            unpackaged = unpackaged || p.package_owned == false;
            for (const auto& s : p.signals) {
                if (s.fired && s.strength != SignalStrength::weak && s.id != "rotating") add_unique(signals, s.id);
            }
        }
        g.reasons.push_back(fmt::format("{}: {}", g.evidence, fmt::join(g.names, ", ")));
        if (g.respawns > 0) g.reasons.push_back(fmt::format("respawned {} time(s) while watched", g.respawns));
        if (!signals.empty()) g.reasons.push_back("its members also show: " + join(signals, ", "));
        if (deleted) g.reasons.push_back("binary deleted after start");
        if (unpackaged) g.reasons.push_back("binary not from any installed package");
    }
}

}  // namespace ctguard
