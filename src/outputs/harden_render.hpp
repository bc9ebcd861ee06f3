#pragma once
// `ctguard harden ssh`: what SSH allows now, who keeps a way in, the change as a diff, what happened.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "analysis/ssh_hardening.hpp"
#include "model/sshd_config.hpp"

namespace ctguard {

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

// A one-hunk unified diff that replaces `old_text` (nullopt: the file does not exist) with `new_text`.
std::string unified_diff(const std::string& path, const std::optional<std::string>& old_text,
                         const std::string& new_text);

std::string harden_text(const HardenReport& r);
nlohmann::json harden_json(const HardenReport& r);

}  // namespace ctguard
