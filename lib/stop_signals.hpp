#pragma once
// SIGINT and SIGTERM as an orderly "stop" for programs that serve until told otherwise.
#include <signal.h>

namespace ctguard {

class StopSignals {
  public:
    // Blocks both signals in the calling thread, so threads started afterwards inherit the mask
    // and no thread is killed by them: construct before starting any server thread.
    StopSignals();
    // Sleeps until one of them arrives; returns its number.
    int wait();

  private:
    sigset_t set_;
};

}  // namespace ctguard
