#pragma once
// Serialising JSON that holds strings an intruder chose.
#include <nlohmann/json.hpp>
#include <string>

namespace ctguard {

// j as text; indent -1 is one line. Process names, paths and command lines are bytes, not UTF-8, and
// nlohmann's dump() throws on invalid UTF-8: here such a byte becomes U+FFFD, so a name with 0xff
// can neither crash a command nor kill a daemon thread. Every JSON ctguard writes goes through here.
std::string json_text(const nlohmann::json& j, int indent = -1);

}  // namespace ctguard
