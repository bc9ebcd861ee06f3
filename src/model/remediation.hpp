#pragma once
// One numbered step of check's "what to do now".
#include <string>

namespace ctguard {

struct Step {
    std::string what;     // one sentence
    std::string command;  // what to run; empty when the step is prose (an audit fix)
    std::string text() const { return command.empty() ? what : what + ": " + command; }
};

}  // namespace ctguard
