#pragma once
// Text edits on sysctl files that keep everything else as the admin wrote it.
#include <map>
#include <string>
#include <string_view>

#include "model/sysctl_conf.hpp"

namespace ctguard {

// Every assignment of `key` (any alias) gets `value`; without one, "KEY = VALUE" is appended.
std::string set_sysctl_value(std::string_view text, const SysctlKey& key, std::string_view value);

// Comments out the given 1-based lines, each under a "# ctguard: disabled: NOTE" line.
std::string comment_out_lines(std::string_view text, const std::map<unsigned, std::string>& notes);

}  // namespace ctguard
