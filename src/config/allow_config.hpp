#pragma once
// /etc/ctguard/allow.toml: the processes the owner vouches for (model/allow_list.hpp).
//
//   sha256  = ["9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"]
//   path    = ["/opt/acme/*", "/usr/local/bin/node_exporter"]
//   unit    = ["consul.service"]
//   package = ["xmrig"]
//
// Each key takes a string or an array of strings; every key is optional. Mistakes are one line,
// "FILE:LINE: KEY: WHY", exit 64.
#include <string>
#include <string_view>

#include "lib/result.hpp"
#include "lib/root_dir.hpp"
#include "model/allow_list.hpp"

namespace ctguard {

inline constexpr const char* kAllowFile = "/etc/ctguard/allow.toml";

Result<AllowList> parse_allow_list(std::string_view text, const std::string& source);
// kAllowFile under --root; an empty list when there is none.
Result<AllowList> load_allow_list(const RootDir& root);

}  // namespace ctguard
