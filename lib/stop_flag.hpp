#pragma once
// Signals as a flag for loops that must end in order (report what they saw, restore the terminal):
// while a StopFlag lives, the given signals set it instead of killing the process. No SA_RESTART, so
// a poll() or read() in progress returns at once. The previous handlers come back afterwards. One
// StopFlag at a time: the handler has no context, so the flag is the process's.
#include <initializer_list>
#include <signal.h>
#include <vector>

namespace ctguard {

class StopFlag {
  public:
    explicit StopFlag(std::initializer_list<int> signals);
    ~StopFlag();
    StopFlag(const StopFlag&) = delete;
    StopFlag& operator=(const StopFlag&) = delete;

    bool raised() const;

  private:
    std::vector<std::pair<int, struct sigaction>> old_;
};

}  // namespace ctguard
