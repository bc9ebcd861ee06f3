#pragma once
// One [[action]] table: the level changes it runs on, and a program (exec) or the built-in cap.
#include "config/toml_reader.hpp"
#include "model/daemon_config.hpp"

namespace ctguard {

// `prefix` is "action[N].".
Result<ActionSpec> read_action(const TomlReader& r, const toml::table& t, const std::string& prefix);

}  // namespace ctguard
