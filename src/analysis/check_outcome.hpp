#pragma once
// check's last decisions: which processes the report shows, and the exit code scripts act on.
#include <cstddef>
#include <string>
#include <vector>

#include "model/check_report.hpp"

namespace ctguard {

// Indexes of the processes worth showing in check: suspects that are on the network now or in a
// rotating group, or (suspicious = false) the biggest holders of entries, at most 5.
std::vector<size_t> notable_processes(const ProcsReport& p, bool suspicious);
// The worst level of the host's table and every namespace's: a container at its suspension line
// makes the host's check critical, whatever the host's own count.
Level worst_level(const CheckReport& r);
// One reason per namespace at or above the warning line, fullest first.
std::vector<std::string> namespace_reasons(const std::vector<NamespaceTable>& namespaces);
// 2 for capped/critical tables (r.level), attacks and compromises; 1 for elevated or misconfigured; else 0.
// With --fail-on LEVEL only danger fails: the level at or above LEVEL (1 for elevated, 2 above), an
// attack or a compromise (2); a misconfiguration alone exits 0, so `check --fail-on elevated || alert`
// in cron stays quiet on a stock host. 69 when the table could not be looked at (--root without proc/).
int check_exit_code(const CheckReport& r);

}  // namespace ctguard
