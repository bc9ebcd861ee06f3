#pragma once
// Every /proc, /sys and /etc path goes through here so `--root DIR` can point them at a temp tree.
#include <string>
#include <string_view>

namespace ctguard {

struct RootDir {
    std::string dir;  // empty: the live system

    bool live() const { return dir.empty(); }
    // append() rather than operator+: GCC 12 reports a false -Wrestrict overlap for the latter once inlined.
    std::string path(std::string_view absolute) const {
        std::string out = dir;
        out.append(absolute);
        return out;
    }
};

}  // namespace ctguard
