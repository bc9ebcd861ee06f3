#pragma once
// Does an entry pass the user's filters? Pure; called once per entry on the hot path.
#include "model/filter.hpp"
#include "model/flow.hpp"

namespace ctguard {

bool matches(const Filter& filter, const Flow& flow);

}  // namespace ctguard
