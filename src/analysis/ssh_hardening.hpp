#pragma once
// Plans `harden ssh`: who can still get in with a key, which drop-in file sshd would read first, what
// it must say, and whether it really wins.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "model/accounts.hpp"
#include "model/ssh_access.hpp"
#include "model/sshd_config.hpp"

namespace ctguard {

// For each of admin_accounts(accounts, sudo_user): can a key let it in? `now` is seconds since the epoch
// (for expired accounts and keys).
std::vector<KeyAccess> key_access(const Accounts& accounts, const std::vector<AuthorizedKeysFile>& key_files,
                                  const SshdSettings& ssh, int64_t now, const std::string& sudo_user = "");

// The settings the drop-in carries (keyword -> value), given what sshd runs with now: password,
// keyboard-interactive and empty-password logins off, and root's logins down to keys when they were "yes".
// Empty when all of that already holds.
std::map<std::string, std::string> hardening_settings(const SshdSettings& ssh);

// The drop-in's text for those settings.
std::string drop_in_text(const std::map<std::string, std::string>& settings);

inline constexpr const char* kDropInName = "00-ctguard.conf";

// Where the drop-in goes: the first global Include whose glob would read DIR/00-ctguard.conf.
// Empty path and a `problem` sentence when sshd_config has no such Include.
struct DropInPlace {
    std::string path;
    std::string problem;
};
DropInPlace choose_drop_in(const SshdConfig& config);

// After re-reading the configuration with the drop-in in place: one sentence per setting the drop-in does
// not win ("... sets PasswordAuthentication yes and sshd reads it first").
std::vector<std::string> drop_in_losers(const SshdSettings& after,
                                        const std::map<std::string, std::string>& wanted);

// Match blocks that keep password or keyboard-interactive logins on after the drop-in: "FILE:LINE: ...".
std::vector<std::string> match_leftovers(const SshdConfig& config, const SshdSettings& after);

}  // namespace ctguard
