#include "model/accounts.hpp"

#include <algorithm>

namespace ctguard {

const PasswdEntry* Accounts::user(const std::string& name) const {
    for (const auto& p : passwd) {
        if (p.name == name) return &p;
    }
    return nullptr;
}

const ShadowEntry* Accounts::shadow_for(const std::string& name) const {
    for (const auto& s : shadow) {
        if (s.name == name) return &s;
    }
    return nullptr;
}

bool Accounts::in_group(const PasswdEntry& user, const std::string& group) const {
    for (const auto& g : groups) {
        if (g.name != group) continue;
        if (g.gid == user.gid) return true;
        return std::find(g.members.begin(), g.members.end(), user.name) != g.members.end();
    }
    return false;
}

std::vector<std::string> Accounts::groups_of(const PasswdEntry& user) const {
    std::vector<std::string> out;
    for (const auto& g : groups) {
        if (in_group(user, g.name)) out.push_back(g.name);
    }
    return out;
}

}  // namespace ctguard
