#pragma once
// Loading and unloading the shield in the calling thread's network namespace: what `ctguard shield`
// and the daemon's `shield` action share. Each step leaves the namespace whole: the old sysctl values
// are saved before any is changed, and a ruleset the kernel refuses puts the sysctls back.
#include <cstdint>
#include <string>
#include <vector>

#include "lib/result.hpp"
#include "lib/root_dir.hpp"
#include "model/shield.hpp"
#include "netfilter/nftables.hpp"

namespace ctguard {

// The namespace and what the shield has loaded in it.
struct ShieldSite {
    uint64_t netns_inode = 0;
    std::string saved_path;  // the saved sysctls of this namespace
    ShieldState state;
};
Result<ShieldSite> read_shield_site(Nftables& nft, const RootDir& root);

// What the plan is made from: the listeners (all, or `ports`), interfaces, sysctls, and what the kernel
// accepts.
Result<ShieldInput> read_shield_input(Nftables& nft, const RootDir& root, std::vector<uint16_t> ports,
                                      const ShieldSite& site);

// Saves `saved` (what --remove puts back; `owner` records who loaded it), sets the plan's sysctls, and
// loads its ruleset when `load_rules`.
Result<void> load_shield(Nftables& nft, const RootDir& root, const ShieldSite& site, const ShieldPlan& plan,
                         const std::vector<SysctlChange>& saved, ShieldOwner owner, bool load_rules);

// The saved values still set to what the shield wrote: a value changed since is the admin's, and stays.
std::vector<SysctlChange> sysctls_to_restore(const ShieldSite& site, const ShieldSysctls& now);

// Unloads the table (when loaded), puts `restore` back and deletes the saved file.
Result<void> unload_shield(Nftables& nft, const RootDir& root, const ShieldSite& site,
                           const std::vector<SysctlChange>& restore);

}  // namespace ctguard
