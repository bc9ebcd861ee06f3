#pragma once
// Local accounts (/etc/passwd, /etc/shadow, /etc/group) and the authorized_keys files sshd would read.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ctguard {

struct PasswdEntry {
    std::string name;
    uint32_t uid = 0, gid = 0;
    std::string home, shell;
    int line = 0;
};

struct ShadowEntry {
    std::string name;
    std::string hash;                // the second field: "$y$...", "!", "*", "" ...
    std::optional<int64_t> expires;  // days since 1970-01-01 (field 8), when set
    int line = 0;
};

struct GroupEntry {
    std::string name;
    uint32_t gid = 0;
    std::vector<std::string> members;
};

struct Accounts {
    std::vector<PasswdEntry> passwd;
    std::vector<ShadowEntry> shadow;
    std::vector<GroupEntry> groups;
    bool shadow_read = false;  // false: /etc/shadow could not be read (not root); password checks skipped

    const PasswdEntry* user(const std::string& name) const;
    const ShadowEntry* shadow_for(const std::string& name) const;
    // Primary group or listed as a member.
    bool in_group(const PasswdEntry& user, const std::string& group) const;
    std::vector<std::string> groups_of(const PasswdEntry& user) const;
};

// One line of an authorized_keys file (sshd(8) AUTHORIZED_KEYS FILE FORMAT).
struct AuthorizedKey {
    int line = 0;
    std::string options;  // e.g. command="...",from="..." ; empty when none
    std::string type;     // ssh-ed25519, ssh-rsa, ...
    std::string comment;
    std::string fingerprint;  // SHA256:... as ssh-keygen -lf prints; empty when the blob is not valid
};

struct AuthorizedKeysFile {
    std::string user;
    std::string path;  // absolute on the audited system
    int64_t mtime = 0;
    std::vector<AuthorizedKey> keys;
    // Why sshd's StrictModes would ignore the file (group/world-writable, foreign owner); empty if none.
    std::string strict_modes_problem;
};

}  // namespace ctguard
