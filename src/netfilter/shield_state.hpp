#pragma once
// What `ctguard shield` has loaded in a namespace: its table, read back from the kernel, and the
// sysctl values it replaced, kept in a file so --remove can put them back exactly.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lib/root_dir.hpp"
#include "model/shield.hpp"
#include "netfilter/nftables.hpp"

namespace ctguard {

// One file per network namespace, named by the namespace's inode (what `ls -l /proc/PID/ns/net` shows).
std::string shield_saved_path(uint64_t netns_inode);

// "KEY BEFORE AFTER" lines under a comment, and "owner daemon" when the daemon loaded it.
std::string saved_sysctls_text(const SavedShield& saved, uint64_t netns_inode);
// Only the keys the shield sets are accepted: the file decides what --remove writes into the
// kernel, so anything else in it (edited, or not ours) is refused with the line.
Result<SavedShield> parse_saved_sysctls(std::string_view text);

// The sysctls the shield reads, from this namespace's /proc/sys (under --root).
ShieldSysctls read_shield_sysctls(const RootDir& root);

// Whether the kernel counts TSEcrRejected in /proc/net/netstat (see ShieldInput::tsecr_checked).
bool kernel_checks_tsecr(const RootDir& root);

// The table and the saved values (from `saved_file`, absolute without --root).
Result<ShieldState> read_shield_state(Nftables& nft, const RootDir& root, const std::string& saved_file);

// Whether the kernel accepts what synproxy and ct timeout need (dry runs: nothing is loaded).
bool nft_accepts(Nftables& nft, const std::string& script);

}  // namespace ctguard
