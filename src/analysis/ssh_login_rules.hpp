#pragma once
// What sshd refuses whatever the method: an account (its shell, PermitRootLogin, expiry, the Allow/Deny
// lists) or a key (invalid, DSA, a forced command, a type PubkeyAcceptedAlgorithms leaves out, a past
// expiry-time). `ssh` is the settings sshd applies to that account's login.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "model/accounts.hpp"
#include "model/sshd_config.hpp"

namespace ctguard {

// Why sshd would refuse `user` whatever it offers; empty when it would not. `today`: days since 1970.
std::string account_refusal(const Accounts& accounts, const PasswdEntry& user, const SshdSettings& ssh,
                            int64_t today);

// Why this key cannot open a shell; empty when it can. `now`: seconds since the epoch. The algorithm
// check needs the pubkeyacceptedalgorithms line of `sshd -T`; without it (the parser's settings) it is
// skipped.
std::string key_refusal(const AuthorizedKey& key, const SshdSettings& ssh, int64_t now);

// An option of an authorized_keys line, unquoted: key_option("from=\"198.18.*\",no-pty", "from") is
// "198.18.*"; "" for a flag such as no-pty; nullopt when absent. Names compare without case, as sshd does.
std::optional<std::string> key_option(std::string_view options, std::string_view name);

// expiry-time="YYYYMMDD[HHMM[SS]][Z]" as seconds since the epoch: UTC with Z, else the local time zone
// (sshd's reading). nullopt when malformed.
std::optional<int64_t> parse_expiry_time(std::string_view spec);

}  // namespace ctguard
