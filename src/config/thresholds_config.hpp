#pragma once
// warn / cap / suspend / for: in [thresholds], and in a [[tenant]] over the [thresholds] defaults.
#include "config/toml_reader.hpp"
#include "model/level.hpp"

namespace ctguard {

// Reads the keys of `t` that are present into `thresholds` and `recover_after`, then checks that
// warn <= cap <= suspend. `prefix` is "thresholds." or "tenant[N].".
Result<void> read_thresholds(const TomlReader& r, const toml::table& t, const std::string& prefix,
                             Thresholds& thresholds, double& recover_after);

}  // namespace ctguard
