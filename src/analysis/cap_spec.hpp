#pragma once
// Bringing a cap request into the one form nftables stores, so a loaded table can be compared with it.
#include "model/cap.hpp"

namespace ctguard {

// Ports sorted with overlapping or adjacent ranges merged; exempt prefixes sorted (IPv4 first) with
// those inside another dropped (an interval set refuses overlapping elements).
CapSpec normalize_cap(CapSpec spec);

}  // namespace ctguard
