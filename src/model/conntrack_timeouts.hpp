#pragma once
// The per-protocol conntrack timeouts (net.netfilter.nf_conntrack_*_timeout*): names and advice.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/sysctl_conf.hpp"

namespace ctguard {

// Every timeout name current kernels know, without the nf_conntrack_ prefix ("tcp_timeout_established").
const std::vector<std::string_view>& conntrack_timeout_names();

// Accepts "tcp_timeout_established", "nf_conntrack_tcp_timeout_established" or the full
// "net.netfilter.nf_conntrack_tcp_timeout_established"; returns the short name, nullopt if unknown.
std::optional<std::string> parse_timeout_name(std::string_view text);
SysctlKey timeout_key(std::string_view name);

// Kernel timeouts are jiffies in an int: at HZ=1000 that is 2,147,483 seconds (about 24 days).
inline constexpr uint64_t kMaxTimeoutSeconds = 2147483;

// A default we call extreme and what we recommend instead.
struct TimeoutAdvice {
    std::string_view name;
    uint64_t extreme_above;
    uint64_t recommended;
    std::string_view why;
};
const std::vector<TimeoutAdvice>& timeout_advice();

}  // namespace ctguard
