#pragma once
// Runs the audit end to end (read everything under --root, apply the rules). `audit`, `harden ssh` and
// `check` share it.
#include <map>
#include <string>
#include <vector>

#include "lib/result.hpp"
#include "lib/root_dir.hpp"
#include "model/audit.hpp"

namespace ctguard {

// --root must name an existing directory.
Result<void> check_root_dir(const RootDir& root);

struct AuditOptions {
    std::string known_keys_path = "/etc/ctguard/known_keys";
};

// sshd_config as read, and the settings sshd runs with: `sshd -T` on the live system (falling back to
// ctguard's parser, with a note, when it fails), the parser for --root trees.
struct SshView {
    SshdConfig config;
    SshdSettings settings;
};
SshView read_ssh(const RootDir& root, std::vector<std::string>& notes);

// authorized_keys files sshd would read for each account.
std::vector<AuthorizedKeysFile> read_all_authorized_keys(const RootDir& root, const Accounts& accounts,
                                                         const SshdSettings& ssh,
                                                         std::vector<std::string>& notes);

AuditInputs collect_audit_inputs(const RootDir& root, const AuditOptions& options);

// What `check` calls: every finding, most severe first, and notes on what could not be seen.
AuditReport run_audit(const RootDir& root, const AuditOptions& options = {});
// sha256 -> path of each file an intrusion finding names (XOR.DDoS's drops and the like): a process
// running one of them is judged by it (the persistence_drop signal).
std::map<std::string, std::string> intrusion_binaries(const RootDir& root, const AuditReport& audit);

}  // namespace ctguard
