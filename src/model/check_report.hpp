#pragma once
// Everything `check` found: the table, who fills it, why, and what to do now.
#include <optional>
#include <string>
#include <vector>

#include "model/audit.hpp"
#include "model/limit_report.hpp"
#include "model/live_table.hpp"
#include "model/namespaces.hpp"
#include "model/process.hpp"
#include "model/remediation.hpp"
#include "model/status_report.hpp"
#include "model/top.hpp"
#include "model/traffic_shape.hpp"
#include "model/verdict.hpp"

namespace ctguard {

struct CheckReport {
    bool have_table = true;       // false when nf_conntrack is not loaded
    bool table_unknown = false;   // --root DIR has no proc/: the table was not looked at at all
    StatusReport status;
    Level level = Level::ok;  // the worst of the host's table and every namespace's (check_outcome)
    std::vector<NamespaceTable> namespaces;  // every other network namespace, fullest first (host view only)
    std::optional<TopResult> top_src, top_dport, top_state;  // nullopt: entries unreadable
    std::optional<TrafficShape> traffic;
    std::optional<LiveSync> live;  // those entries came from the daemon's live table; nullopt: a dump
    std::vector<FillSource> sources;  // where the entries come from, biggest first
    std::optional<ProcsReport> procs;
    std::optional<AuditReport> audit;
    std::optional<LimitReport> limit;
    Verdict verdict;
    std::vector<Step> remediation;
    // Decided by analysis/check_outcome: indexes into procs->processes to show, and the exit code.
    std::vector<size_t> suspects, holders;
    int exit_code = 0;
    std::optional<Level> fail_on;  // check --fail-on: only this level or worse, attack or compromise fail
    std::vector<std::string> unseen;  // what could not be looked at, and why
};

}  // namespace ctguard
