#pragma once
// Incident bookkeeping: an incident opens when a tenant leaves ok, records each level change with
// its evidence and the peak, and closes when the tenant recovers (or goes away).
#include <cstdint>
#include <string>

#include "model/incident.hpp"

namespace ctguard {

// A tenant flapping for days must not grow its record without bound: past this many, the latest
// evidence replaces the previous latest (the first ones, which show how it started, stay).
inline constexpr size_t kMaxEvidencePerIncident = 50;
inline constexpr size_t kMaxLevelChangesPerIncident = 500;

Incident open_incident(const std::string& tenant, const LevelChange& change, Evidence evidence);
// A later change; a change to ok closes the incident ("recovered").
void record_change(Incident& incident, const LevelChange& change, Evidence evidence);
// Keeps the peak; true when it rose (the stored record is then out of date).
bool record_count(Incident& incident, uint64_t count, Level level);
void close_incident(Incident& incident, double at, std::string reason);
// The processes worth keeping as evidence: every suspicious one, then the most flows, n in all at
// most (suspicious first); processes without flows that nobody suspects are dropped.
ProcsReport evidence_processes(ProcsReport report, size_t n);

}  // namespace ctguard
