#pragma once
// `diff -u` output for --dry-run: what a command would change, applicable with `patch -p1` from the root.
#include <optional>
#include <string>
#include <string_view>

namespace ctguard {

// path: absolute ("/etc/sysctl.conf"); before/after nullopt for a file that does not exist on that
// side. Empty when nothing changes.
std::string unified_diff(std::string_view path, const std::optional<std::string>& before,
                         const std::optional<std::string>& after, size_t context = 3);

}  // namespace ctguard
