#pragma once
// `ctguard harden ssh`: what SSH allows now, who keeps a way in, the change as a diff, what happened.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "model/ssh_access.hpp"

namespace ctguard {

// A one-hunk unified diff that replaces `old_text` (nullopt: the file does not exist) with `new_text`.
std::string unified_diff(const std::string& path, const std::optional<std::string>& old_text,
                         const std::string& new_text);

std::string harden_text(const HardenReport& r);
nlohmann::json harden_json(const HardenReport& r);

}  // namespace ctguard
