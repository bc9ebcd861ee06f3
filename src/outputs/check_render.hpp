#pragma once
// `ctguard check`: the report a worried owner reads first.
#include <nlohmann/json.hpp>
#include <string>

#include "analysis/top.hpp"
#include "outputs/status_render.hpp"

namespace ctguard {

struct CheckReport {
    StatusReport status;
    TopResult top_src;
    TopResult top_dport;
};

nlohmann::json check_json(const CheckReport& r);
std::string check_text(const CheckReport& r);

}  // namespace ctguard
