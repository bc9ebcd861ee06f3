#pragma once
// --persist of `cap` and `shield`: the ruleset in a file of its own, included from /etc/nftables.conf.
#include <optional>
#include <string>
#include <vector>

#include "analysis/cap_plan.hpp"
#include "lib/result.hpp"
#include "lib/root_dir.hpp"

namespace ctguard {

// The file changes that make boot load `ruleset` (nullopt: load nothing); says in `notes` how, and
// whether, nftables.service loads it.
Result<std::vector<FileChange>> plan_nft_files(const RootDir& root, const NftBootFile& file,
                                               const std::optional<std::string>& ruleset,
                                               std::vector<std::string>& notes);

}  // namespace ctguard
