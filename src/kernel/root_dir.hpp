#pragma once
// Every /proc, /sys and /etc path goes through here so `--root DIR` can point them at a temp tree.
#include <string>
#include <string_view>

namespace ctguard {

struct RootDir {
    std::string dir;  // empty: the live system

    bool live() const { return dir.empty(); }
    std::string path(std::string_view absolute) const { return dir + std::string(absolute); }
};

}  // namespace ctguard
