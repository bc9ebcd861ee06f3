#pragma once
// The daemon's built-in `cap` action: a per-source `ct count` cap in nftables, applied with
// libnftables in the calling thread's network namespace (run it through run_in_netns for a tenant).
// It lives in its own table, `inet ctguard_daemon`, so it never touches rules written by `ctguard cap`
// or by hand; applying replaces the table atomically, removing deletes it.
#include <cstdint>
#include <string>

#include "lib/result.hpp"

namespace ctguard {

inline constexpr const char* kDaemonCapTable = "ctguard_daemon";

// nft commands that (re)create the table: new connections from a source that already has
// `per_source` tracked connections are dropped, for forwarded/inbound (prerouting) and local (output).
std::string source_cap_commands(uint32_t per_source);
// nft commands that remove the table, whether it exists or not.
std::string source_cap_removal_commands();
// Runs nft commands in one transaction; the error carries nft's own message.
Result<void> run_nft(const std::string& commands, const std::string& what);

}  // namespace ctguard
