#include "lib/log.hpp"

#include <cstdio>
#include <mutex>
#include <set>

namespace ctguard {

void warn_once(const std::string& message) {
    static std::mutex mu;
    static std::set<std::string> seen;
    std::lock_guard lock(mu);
    if (!seen.insert(message).second) return;
    std::fprintf(stderr, "ctguard: warning: %s\n", message.c_str());
}

}  // namespace ctguard
