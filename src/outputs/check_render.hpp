#pragma once
// `ctguard check`: the report a worried owner reads first. The first screen answers, in order:
// how bad (level and verdict), why, and what to do now; the details follow.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "analysis/remediation.hpp"
#include "analysis/top.hpp"
#include "analysis/traffic_shape.hpp"
#include "model/audit.hpp"
#include "model/limit_report.hpp"
#include "model/process.hpp"
#include "model/verdict.hpp"
#include "outputs/status_render.hpp"

namespace ctguard {

struct CheckReport {
    bool have_table = true;  // false when nf_conntrack is not loaded
    StatusReport status;
    std::optional<TopResult> top_src, top_dport, top_state;  // nullopt: entries unreadable
    std::optional<TrafficShape> traffic;
    std::optional<ProcsReport> procs;
    std::optional<AuditReport> audit;
    std::optional<LimitReport> limit;
    Verdict verdict;
    std::vector<Step> remediation;
    std::vector<std::string> unseen;  // what could not be looked at, and why
};

// 2 for capped/critical tables, attacks and compromises; 1 for elevated or misconfigured; else 0.
int check_exit_code(const CheckReport& r);
nlohmann::json check_json(const CheckReport& r);
// `colour`: ANSI colours for a terminal.
std::string check_text(const CheckReport& r, bool colour);

}  // namespace ctguard
