#include "lib/stop_flag.hpp"

namespace ctguard {

namespace {

volatile sig_atomic_t g_raised = 0;
void raise_flag(int) {
    g_raised = 1;
}

}  // namespace

StopFlag::StopFlag(std::initializer_list<int> signals) {
    g_raised = 0;
    struct sigaction sa {};
    sa.sa_handler = raise_flag;
    sigemptyset(&sa.sa_mask);
    for (int s : signals) {
        struct sigaction old {};
        sigaction(s, &sa, &old);
        old_.emplace_back(s, old);
    }
}

StopFlag::~StopFlag() {
    for (const auto& [s, old] : old_) sigaction(s, &old, nullptr);
}

bool StopFlag::raised() const {
    return g_raised != 0;
}

}  // namespace ctguard
