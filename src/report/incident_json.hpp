#pragma once
// Events, evidence and incident records as JSON: what exec hooks read on stdin and what the history
// database stores (levels use the event names ok, warn, cap, suspend).
#include <nlohmann/json.hpp>

#include <cstddef>

#include "model/incident.hpp"

namespace ctguard {

// Hooks read evidence from a pipe and the history keeps it: each process's command line is cut at
// kEventCmdlineBytes (an intruder's can be megabytes) and then carries "cmdline_cut": true.
inline constexpr size_t kEventCmdlineBytes = 4096;

// {"tenant","level","previous","count","max","at","thresholds","forecast":{...},"top":{...},"processes":[...]}
nlohmann::json event_json(const LevelEvent& e);
// {"at","level","count","top":{"src":{top},"dst":..,"dport":..,"state":..},"processes":[..]}
nlohmann::json evidence_json(const Evidence& e);
nlohmann::json level_change_json(const LevelChange& c);
// The whole incident (history --json and the log line that saves an incident nobody could store).
nlohmann::json incident_json(const Incident& i);

}  // namespace ctguard
