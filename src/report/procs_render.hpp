#pragma once
// `ctguard procs`: text and JSON (docs/CLI.md shape, with more fields), and the --kill summary.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "model/process.hpp"

namespace ctguard {

// `shown`: indexes into report.processes, in display order. `explain`: every signal of each shown
// process, fired or not, with its weight, and the rule's result (procs --explain).
nlohmann::json procs_json(const ProcsReport& report, const std::vector<size_t>& shown, bool explain = false);
std::string procs_text(const ProcsReport& report, const std::vector<size_t>& shown, bool explain = false);
std::string_view signal_strength_name(SignalStrength s);

struct KillSummary {
    std::string group;
    std::vector<std::string> names;
    std::vector<int> stopped, killed;
    std::vector<std::string> skipped;  // members not signalled, one sentence each (exited, pid reused)
    std::string evidence_dir;
    std::vector<std::string> evidence_files;
    std::vector<std::string> evidence_notes;     // binaries kept only in part ("... only the first 128 MiB")
    std::vector<std::string> evidence_problems;  // what could not be kept, and why (the kill went on)
    std::string sha256;
    std::vector<std::string> places;                              // where persistence may hide
    std::vector<std::pair<std::string, std::string>> references;  // file, what it mentions
};
nlohmann::json kill_json(const KillSummary& k);
std::string kill_text(const KillSummary& k);

}  // namespace ctguard
