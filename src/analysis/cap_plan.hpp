#pragma once
// Files of `cap --persist`: the ruleset in its own file, included from /etc/nftables.conf.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/file_change.hpp"

namespace ctguard {

inline constexpr std::string_view kCapFile = "/etc/nftables.d/ctguard.nft";
inline constexpr std::string_view kNftablesConf = "/etc/nftables.conf";

// Debian's nftables.service loads /etc/nftables.conf at boot, and that file includes no directory
// by default. So ctguard keeps its ruleset in kCapFile and appends one include line for it to the
// conf, after its "flush ruleset" (which would otherwise wipe the caps again).
// `ruleset` nullopt removes both. `conf` nullopt: there is no /etc/nftables.conf to include from.
std::vector<FileChange> plan_cap_persist(const std::optional<std::string>& conf,
                                         const std::optional<std::string>& current,
                                         const std::optional<std::string>& ruleset);

std::string cap_include_line();

}  // namespace ctguard
