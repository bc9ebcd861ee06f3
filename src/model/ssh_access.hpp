#pragma once
// Who keeps a way in over SSH, and what `harden ssh` planned and did.
#include <optional>
#include <string>
#include <vector>
#include "model/sshd_config.hpp"

namespace ctguard {

// Can `user` log in with an SSH key once passwords are off? usable=false says why not.
struct KeyAccess {
    std::string user;
    bool usable = false;
    std::string
        detail;  // "1 usable key in /root/.ssh/authorized_keys (ssh-ed25519 SHA256:...)" or the reason
};

struct HardenReport {
    SshdSettings before;
    std::vector<KeyAccess> access;
    std::string root_password;            // password_advice() for root; empty when /etc/shadow was unreadable
    std::string refused;                  // why nothing is planned; empty when harden went ahead
    std::string drop_in;                  // path of the drop-in; empty when nothing needs changing
    std::optional<std::string> old_text;  // the drop-in's current content, when it exists
    std::string new_text;
    std::vector<std::string> leftovers;  // Match blocks the drop-in cannot override
    bool applied = false;
    std::string backup;  // where the old drop-in was copied
    std::string reload;  // what happened to the running sshd
    std::vector<std::string> notes;
};

}  // namespace ctguard
