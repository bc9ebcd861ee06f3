#pragma once
// /proc/net/nf_conntrack: the fallback source when ctnetlink is unavailable.
#include <cstdint>
#include <string>
#include <string_view>

#include "lib/result.hpp"
#include "model/flow_sink.hpp"

namespace ctguard {

struct ProcReadSummary {
    uint64_t entries = 0;
    uint64_t malformed = 0;
    uint64_t first_bad_line = 0;  // 1-based, 0 when none
};

// Parses one line (without the newline). Returns false for a malformed or truncated line.
bool parse_proc_conntrack_line(std::string_view line, Flow& out);

// Streams the whole file through `sink`; `family` 0 keeps both families.
Result<ProcReadSummary> read_proc_conntrack(const std::string& path, uint8_t family, FlowSink& sink);

}  // namespace ctguard
