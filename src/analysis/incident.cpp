#include "analysis/incident.hpp"

#include <algorithm>

namespace ctguard {

namespace {

template <class T>
void append_bounded(std::vector<T>& v, T item, size_t limit) {
    if (v.size() >= limit)
        v.back() = std::move(item);
    else
        v.push_back(std::move(item));
}

}  // namespace

Incident open_incident(const std::string& tenant, const LevelChange& change, Evidence evidence) {
    Incident i;
    i.tenant = tenant;
    i.start = change.at;
    i.peak = change.count;
    i.peak_level = change.level;
    i.levels.push_back(change);
    i.evidence.push_back(std::move(evidence));
    return i;
}

void record_change(Incident& incident, const LevelChange& change, Evidence evidence) {
    append_bounded(incident.levels, change, kMaxLevelChangesPerIncident);
    append_bounded(incident.evidence, std::move(evidence), kMaxEvidencePerIncident);
    record_count(incident, change.count, change.level);
    if (change.level == Level::ok) close_incident(incident, change.at, "recovered");
}

bool record_count(Incident& incident, uint64_t count, Level level) {
    bool rose = false;
    if (level > incident.peak_level) {
        incident.peak_level = level;
        rose = true;
    }
    if (count > incident.peak) {
        incident.peak = count;
        rose = true;
    }
    return rose;
}

ProcsReport evidence_processes(ProcsReport report, size_t n) {
    auto& p = report.processes;
    std::erase_if(p, [](const ProcessReport& r) { return !r.suspicious && r.flows.flows == 0; });
    std::stable_sort(p.begin(), p.end(), [](const ProcessReport& a, const ProcessReport& b) {
        if (a.suspicious != b.suspicious) return a.suspicious;
        return a.flows.flows > b.flows.flows;
    });
    if (p.size() > n) p.resize(n);
    return report;
}

void close_incident(Incident& incident, double at, std::string reason) {
    if (incident.end) return;
    incident.end = at;
    incident.end_reason = std::move(reason);
}

}  // namespace ctguard
