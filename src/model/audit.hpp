#pragma once
// Everything `audit` looks at, read from disk (kernel/), and what it concludes (analysis/audit_rules).
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "model/accounts.hpp"
#include "model/finding.hpp"
#include "model/persistence.hpp"
#include "model/sshd_config.hpp"

namespace ctguard {

struct AuditInputs {
    SshdConfig sshd;
    SshdSettings ssh;  // effective settings: sshd -T on the live system, the parser otherwise
    Accounts accounts;
    std::vector<AuthorizedKeysFile> key_files;
    std::string known_keys_path;                      // the owner's list of keys they know
    std::optional<std::set<std::string>> known_keys;  // fingerprints from it; nullopt: no list
    PersistenceScan persistence;
    std::vector<std::string> notes;  // what could not be seen, and why
    int64_t now = 0;                 // unix seconds, for "changed recently"
};

struct AuditReport {
    std::vector<Finding> findings;  // most severe first
    std::vector<std::string> notes;
    SshdSettings ssh;  // what sshd runs with; source "none" when there is no SSH server configuration
    std::vector<std::pair<std::string, int>>
        checked;  // what was looked at: {"authorized_keys files", 2}, ...
};

}  // namespace ctguard
