#pragma once
// What the owner vouches for in /etc/ctguard/allow.toml: processes matching an entry are reported as
// "allowed by ..." and never called suspicious (their signals are still shown).
#include <string>
#include <vector>

namespace ctguard {

struct AllowList {
    std::vector<std::string> sha256;    // the binary's sha256, 64 lowercase hex digits
    std::vector<std::string> paths;     // globs over the binary's path (fnmatch, '*' crosses '/')
    std::vector<std::string> units;     // systemd units, "node_exporter.service"
    std::vector<std::string> packages;  // packages that installed the binary, "openssh-server"
    std::string source;                 // the file read; "" when there was none
};

}  // namespace ctguard
