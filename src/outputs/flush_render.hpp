#pragma once
// `ctguard flush`: how many entries matched and went.
#include <nlohmann/json.hpp>
#include <string>

#include "kernel/ct_delete.hpp"

namespace ctguard {

struct FlushReport {
    uint64_t matched = 0;
    bool dry_run = false;
    DeleteSummary deleted;
};

nlohmann::json flush_json(const FlushReport& r);
std::string flush_text(const FlushReport& r);

}  // namespace ctguard
