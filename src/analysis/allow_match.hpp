#pragma once
// Which allow.toml entry vouches for a process, if any.
#include <string>

#include "model/allow_list.hpp"
#include "model/process.hpp"

namespace ctguard {

// "sha256 9f86d0...", "path /opt/acme/*", "unit consul.service" or "package openssh-server" (the first
// entry that matches, in that order); "" when none does. A package matches without its ":arch".
std::string allowed_by(const AllowList& allow, const ProcessReport& p);

}  // namespace ctguard
