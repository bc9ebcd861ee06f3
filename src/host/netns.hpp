#pragma once
// Entering another network namespace (--netns), so every socket and /proc/net read sees it.
#include <cstdint>
#include <string>
#include <string_view>

#include "lib/result.hpp"
#include "lib/root_dir.hpp"
#include "lib/unique_fd.hpp"

namespace ctguard {

// NAME (under /run/netns), a path (contains '/'), or a PID ("pid:N"). A name may be all digits
// (`ip netns add 101`): taking it for a PID would watch, and cap, whatever namespace that process
// is in, often the host's.
std::string netns_path(const RootDir& root, std::string_view spec);
// --netns as typed: a bare number is a PID (documented, and handy), unless /run/netns has a
// namespace of that name, which the user more likely means.
std::string cli_netns_spec(const RootDir& root, std::string_view spec);
Result<UniqueFd> open_netns(const RootDir& root, std::string_view spec);
// setns(2) the calling thread into the namespace. Sockets opened afterwards live there.
Result<void> enter_netns(const RootDir& root, std::string_view spec);
// The inode of the calling thread's network namespace (the N of "net:[N]"): what names it while it lives.
Result<uint64_t> current_netns_inode();

}  // namespace ctguard
