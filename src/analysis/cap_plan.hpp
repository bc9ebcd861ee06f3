#pragma once
// Files of `cap --persist` and `shield --persist`: the ruleset in its own file, included from
// /etc/nftables.conf.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/file_change.hpp"

namespace ctguard {

inline constexpr std::string_view kCapFile = "/etc/nftables.d/ctguard.nft";
inline constexpr std::string_view kNftablesConf = "/etc/nftables.conf";

inline constexpr std::string_view kShieldFile = "/etc/nftables.d/ctguard-shield.nft";

// A ruleset file of ctguard's that /etc/nftables.conf loads at boot.
struct NftBootFile {
    std::string_view path;
    std::string_view note;  // the comment line above its include line
    std::string_view what;  // what it holds, for the report: "the caps"
};
inline constexpr NftBootFile kCapBootFile{kCapFile, "# ctguard: per-source connection caps (ctguard cap --persist)",
                                          "the caps"};
inline constexpr NftBootFile kShieldBootFile{kShieldFile, "# ctguard: flood shield (ctguard shield --persist)",
                                             "the shield"};

// Debian's nftables.service loads /etc/nftables.conf at boot, and that file includes no directory
// by default. So ctguard keeps its ruleset in a file of its own and appends one include line for it
// to the conf, after its "flush ruleset" (which would otherwise wipe the ruleset again).
// `ruleset` nullopt removes both. `conf` nullopt: there is no /etc/nftables.conf to include from.
std::vector<FileChange> plan_nft_persist(const std::optional<std::string>& conf,
                                         const std::optional<std::string>& current,
                                         const std::optional<std::string>& ruleset,
                                         const NftBootFile& file = kCapBootFile);

std::string nft_include_line(const NftBootFile& file = kCapBootFile);

}  // namespace ctguard
