#pragma once
// /etc/passwd, /etc/shadow and /etc/group under --root.
#include <string>
#include <string_view>
#include <vector>

#include "lib/root_dir.hpp"
#include "model/accounts.hpp"

namespace ctguard {

// passwd(5): name:password:UID:GID:GECOS:home:shell
std::vector<PasswdEntry> parse_passwd(std::string_view text);
// shadow(5): name:hash:lastchange:min:max:warn:inactive:expire:reserved
std::vector<ShadowEntry> parse_shadow(std::string_view text);
// group(5): name:password:GID:member,member
std::vector<GroupEntry> parse_group(std::string_view text);

// Files that cannot be read leave their part empty and add a sentence to `notes`.
Accounts read_accounts(const RootDir& root, std::vector<std::string>& notes);

}  // namespace ctguard
