#pragma once
// Turns what check gathered into a verdict. Pure: every input is a plain value.
//
//   compromise     suspicious or rotating processes, audit findings that only an intruder leaves
//                  (XOR.DDoS drops, preload hooks, modified system binaries, malicious keys), or the
//                  host itself fanning out half-open connections to many destinations;
//   attack         the table is above its warning line or pinned at its cap, mostly with half-open
//                  entries coming in to local services;
//   misconfigured  nothing wrong yet, but no cap keeps the table under the provider's suspension
//                  line (now or after the next boot), or the cap sits on a key the kernel ignores;
//   normal         none of those.
// Earlier kinds win: a compromised host that is also misconfigured is reported as compromised, and
// the reasons list both (the remediation fixes both). Above the warning line the reasons also say where
// most entries come from, so a table filled by forwarded traffic is explained even when no kind fits.
#include <cstdint>
#include <optional>
#include <vector>

#include "analysis/traffic_shape.hpp"
#include "model/level.hpp"
#include "model/verdict.hpp"

namespace ctguard {

// The cap as it stands now and as the next boot will set it.
struct CapFacts {
    uint64_t max = 0;                  // live nf_conntrack_max
    std::optional<uint64_t> boot_max;  // what the boot configuration applies; nullopt: nothing persisted
    bool legacy_key = false;           // net.ipv4.netfilter.ip_conntrack_max is set somewhere
    bool host_only = false;            // a non-initial network namespace: the host sets the cap
};

struct VerdictInputs {
    Level level = Level::ok;
    uint64_t count = 0;
    Thresholds thresholds;
    std::optional<TrafficShape> traffic;  // nullopt when the entries could not be read
    uint64_t suspicious_processes = 0;
    uint64_t suspicious_groups = 0;               // rotating groups judged suspicious
    std::vector<std::string> intrusion_findings;  // audit finding ids that point at an intruder
    std::optional<CapFacts> cap;                  // nullopt when the limit could not be read
    std::string dominant_source;                  // analysis/fill_sources' reason; "" when unknown
};

// Fan-out that no ordinary host produces: this many half-open outbound entries...
inline constexpr uint64_t kFanOutHalfOpen = 500;
// ...to at least this many distinct destinations.
inline constexpr uint64_t kFanOutDestinations = 50;

Verdict decide_verdict(const VerdictInputs& in);
// Audit ids that only an intruder (or its malware) leaves behind.
bool is_intrusion_finding(std::string_view id);

}  // namespace ctguard
