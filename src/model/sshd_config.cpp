#include "model/sshd_config.hpp"
#include "lib/text.hpp"

#include <strings.h>

namespace ctguard {

bool SshdDirective::global() const {
    for (const auto& m : match) {
        if (strcasecmp(m.c_str(), "all") != 0) return false;
    }
    return true;
}

std::string SshdDirective::match_text() const {
    return join(match, ", then ");
}

const SshdSetting& SshdSettings::setting(const std::string& keyword) const {
    static const SshdSetting empty;
    auto it = values.find(keyword);
    return it == values.end() ? empty : it->second;
}

const std::map<std::string, SshdKeyword>& sshd_keywords() {
    static const std::map<std::string, SshdKeyword> k = {
        {"passwordauthentication", {"PasswordAuthentication", "yes"}},
        {"kbdinteractiveauthentication", {"KbdInteractiveAuthentication", "yes"}},
        {"usepam", {"UsePAM", "no"}},
        {"permitrootlogin", {"PermitRootLogin", "prohibit-password"}},
        {"permitemptypasswords", {"PermitEmptyPasswords", "no"}},
        {"pubkeyauthentication", {"PubkeyAuthentication", "yes"}},
        {"authenticationmethods", {"AuthenticationMethods", "any"}},
        {"authorizedkeysfile", {"AuthorizedKeysFile", ".ssh/authorized_keys .ssh/authorized_keys2"}},
        {"authorizedkeyscommand", {"AuthorizedKeysCommand", "none"}},
        {"strictmodes", {"StrictModes", "yes"}},
        {"allowusers", {"AllowUsers", ""}},
        {"denyusers", {"DenyUsers", ""}},
        {"allowgroups", {"AllowGroups", ""}},
        {"denygroups", {"DenyGroups", ""}},
    };
    return k;
}

std::string sshd_directive_name(const std::string& keyword) {
    auto it = sshd_keywords().find(keyword);
    return it == sshd_keywords().end() ? keyword : it->second.name;
}

}  // namespace ctguard
