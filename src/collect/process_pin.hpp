#pragma once
// Holding on to a process that was judged, so that a signal reaches it or nobody: procs --kill.
#include <optional>
#include <string>

#include "lib/result.hpp"
#include "lib/root_dir.hpp"
#include "lib/unique_fd.hpp"
#include "model/process.hpp"

namespace ctguard {

// A pidfd on the process judged as `judged` (its pid and start_ticks), or nullopt with the reason in
// `refusal` when that process is gone or its pid now belongs to another one. The pidfd is opened before
// the start time is read again: when the start time still matches, the pidfd holds the judged process,
// and a later reuse of the pid cannot be reached through it.
Result<std::optional<UniqueFd>> pin_judged(const RootDir& root, const ProcessInfo& judged, std::string& refusal);

}  // namespace ctguard
