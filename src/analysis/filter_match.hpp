#pragma once
// Does an entry pass the user's filters? Pure; called once per entry on the hot path.
#include "model/filter.hpp"
#include "model/flow.hpp"
#include "model/flow_sink.hpp"

namespace ctguard {

bool matches(const Filter& filter, const Flow& flow);
// The FlowParts matches() reads (the protocol state, for a --state filter on one).
uint32_t parts_needed(const Filter& filter);

}  // namespace ctguard
