#pragma once
// check's last decisions: which processes the report shows, and the exit code scripts act on.
#include <cstddef>
#include <vector>

#include "model/check_report.hpp"

namespace ctguard {

// Indexes of the processes worth showing in check: suspects that are on the network now or in a
// rotating group, or (suspicious = false) the biggest holders of entries, at most 5.
std::vector<size_t> notable_processes(const ProcsReport& p, bool suspicious);
// 2 for capped/critical tables, attacks and compromises; 1 for elevated or misconfigured; else 0.
int check_exit_code(const CheckReport& r);

}  // namespace ctguard
