#pragma once
// Why packets drop (status, check): text and JSON.
#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>

#include "model/drops.hpp"

namespace ctguard {

nlohmann::json drops_json(const DropReport& r);
// The sentences under `label` ("drops     "), the guest's under `guest_label`, wrapped to `width`.
std::string drops_text(const DropReport& r, const std::string& label, const std::string& guest_label,
                       size_t width);

}  // namespace ctguard
