#include "lib/stop_signals.hpp"

#include <pthread.h>

namespace ctguard {

StopSignals::StopSignals() {
    sigemptyset(&set_);
    sigaddset(&set_, SIGINT);
    sigaddset(&set_, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set_, nullptr);
}

int StopSignals::wait() {
    int sig = 0;
    sigwait(&set_, &sig);
    return sig;
}

}  // namespace ctguard
