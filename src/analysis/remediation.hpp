#pragma once
// check's numbered "what to do now": exact commands, most urgent first. Pure: it only reads what
// check gathered.
#include <optional>
#include <string>
#include <vector>

#include "analysis/top.hpp"
#include "analysis/traffic_shape.hpp"
#include "model/audit.hpp"
#include "model/level.hpp"
#include "model/limit_report.hpp"
#include "model/namespaces.hpp"
#include "model/process.hpp"
#include "model/remediation.hpp"
#include "model/verdict.hpp"

namespace ctguard {

struct RemediationInputs {
    Verdict verdict;
    Level level = Level::ok;
    Thresholds thresholds;
    std::optional<TrafficShape> traffic;
    std::optional<TopResult> top_dport;
    std::vector<FillSource> sources;  // analysis/fill_sources, biggest first
    const ProcsReport* procs = nullptr;  // nullptr: processes could not be read
    const AuditReport* audit = nullptr;  // nullptr: the audit could not run
    const LimitReport* limit = nullptr;  // nullptr: the limit could not be read
    const std::vector<NamespaceTable>* namespaces = nullptr;  // the host's check: every other table
};

// A per-source cap generous for real clients (browsers open 6-8 connections per host) and fatal
// to a flood's sources.
inline constexpr unsigned kPerSourceCap = 100;

std::vector<Step> plan_remediation(const RemediationInputs& in);
// Puts the global options check ran with (e.g. "--netns web1") into every ctguard command, so each
// step acts where check looked when pasted as it is.
void scope_steps(std::vector<Step>& steps, const std::string& global_options);
// Processes that count against the host: suspicious and doing something on the network now.
bool active_suspect(const ProcessReport& p);

}  // namespace ctguard
