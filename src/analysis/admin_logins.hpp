#pragma once
// Would an administrator still get in once `harden ssh` is applied? Judged per account on the settings
// sshd applies to that account's login (`sshd -T -C user=NAME,...` on the candidate configuration):
// Match User blocks can demand more than a key (AuthenticationMethods publickey,keyboard-interactive),
// and a drop-in that turns keyboard-interactive off then locks that account out although `sshd -t`
// passes.
#include <cstdint>
#include <string>
#include <vector>

#include "model/accounts.hpp"
#include "model/sshd_config.hpp"

namespace ctguard {

// Root, the members of the sudo, admin and wheel groups, and `sudo_user` (who ran ctguard through sudo;
// "" for none), each once, in /etc/passwd order.
std::vector<const PasswdEntry*> admin_accounts(const Accounts& accounts, const std::string& sudo_user);

// The ways one account can log in under `ssh`, the settings sshd applies to its login.
struct LoginWays {
    std::vector<std::string> ways;       // AuthenticationMethods lists whose every method works
    std::string why_none;                // when `ways` is empty
    std::vector<std::string> key_notes;  // "PATH:LINE: only from PATTERN" for usable keys with from=
};
// `keys`: the account's authorized_keys files as read for ssh's AuthorizedKeysFile. `now`: seconds since
// the epoch. A password counts when /etc/shadow holds a usable one (or was not readable: then it may).
LoginWays login_ways(const Accounts& accounts, const PasswdEntry& user, const SshdSettings& ssh,
                     const std::vector<AuthorizedKeysFile>& keys, int64_t now);

// Why hardening would lock `user` out: "" when they keep a way in, or had none before either (then
// hardening takes nothing from them).
std::string lockout(const std::string& user, const LoginWays& before, const LoginWays& after);

// Match blocks that set an authentication keyword under a condition `sshd -T -C` cannot stand for
// here: Address, Host, LocalAddress, LocalPort, RDomain (where a login comes from, which is not known
// in advance) and, in a --root tree, Group (sshd resolves groups from this machine's /etc/group, not
// the tree's). "FILE:LINE: ..." each.
std::vector<std::string> unevaluable_match_blocks(const SshdConfig& config, bool root_tree);

}  // namespace ctguard
