#pragma once
// What `flush` matched and what the kernel did with each delete.
#include <cstdint>

namespace ctguard {

struct DeleteSummary {
    uint64_t deleted = 0;
    uint64_t gone = 0;    // already gone when we asked (expired, or deleted by someone else)
    uint64_t failed = 0;  // refused for another reason
    int first_errno = 0;  // of the failures
};

struct FlushReport {
    uint64_t matched = 0;
    bool dry_run = false;
    DeleteSummary deleted;
};

}  // namespace ctguard
