#pragma once
// `ctguard shield`: which measures fit this namespace, from its listeners, interfaces and settings.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lib/result.hpp"
#include "model/shield.hpp"

namespace ctguard {

// Ports only listened on from loopback are left out: nothing from outside reaches them. A port of
// --ports that no socket listens on is a usage error (64).
Result<ShieldPlan> plan_shield(const ShieldInput& in);

// Whether a namespace's ruleset (without the shield's table) makes conntrack track: it uses ct or nat.
bool ruleset_uses_conntrack(std::string_view ruleset);

// The window scale the kernel offers on its own SYN-ACKs (tcp_select_initial_window): the log2 of
// the largest receive buffer, less 15, within 0..14.
uint8_t kernel_wscale(uint64_t rmem_max_bytes);

// The listeners of `proto` (IPPROTO_TCP or IPPROTO_UDP) reachable from outside, sorted, unique.
std::vector<uint16_t> exposed_ports(const std::vector<SocketEntry>& sockets, uint8_t proto);

// The values --remove puts back after this --apply: what an earlier --apply saved (while its table
// is loaded, or while the value is still the one it set), plus the changes planned now.
std::vector<SysctlChange> merge_saved_sysctls(const std::vector<SysctlChange>& saved, bool installed,
                                              const std::vector<SysctlChange>& planned,
                                              const ShieldSysctls& now);
// The current value of one of the three keys the shield sets.
std::optional<uint64_t> shield_sysctl(const ShieldSysctls& s, std::string_view key);

inline constexpr std::string_view kShieldSysctlFile = "/etc/sysctl.d/99-zz-ctguard-shield.conf";
// --persist: the values the shield set, at boot (nullopt `after` when there are none).
std::optional<std::string> shield_sysctl_file(const std::vector<SysctlChange>& set);

}  // namespace ctguard
