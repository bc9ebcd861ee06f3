#pragma once
// Entering another network namespace (--netns), so every socket and /proc/net read sees it.
#include <string>
#include <string_view>

#include "lib/result.hpp"
#include "lib/root_dir.hpp"
#include "lib/unique_fd.hpp"

namespace ctguard {

// NAME (under /run/netns), a path (contains '/'), or a PID (digits, or "pid:N").
std::string netns_path(const RootDir& root, std::string_view spec);
Result<UniqueFd> open_netns(const RootDir& root, std::string_view spec);
// setns(2) the calling thread into the namespace. Sockets opened afterwards live there.
Result<void> enter_netns(const RootDir& root, std::string_view spec);

}  // namespace ctguard
