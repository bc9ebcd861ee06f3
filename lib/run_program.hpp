#pragma once
// Runs a helper program (sshd -T, sshd -t, ssh-keygen) without a shell and captures what it prints.
#include <chrono>
#include <string>
#include <vector>

#include "lib/result.hpp"

namespace ctguard {

struct ProgramOutput {
    int exit_code = -1;  // -1 when it was killed by a signal or by the timeout
    bool timed_out = false;
    std::string out, err;

    bool succeeded() const { return exit_code == 0; }
    // The first non-empty line of stderr (what the program said went wrong), or "exit status N".
    std::string first_error_line() const;
};

// argv[0] is a path or a name looked up in PATH. stdin is /dev/null. The program is killed after
// `timeout`. Fails only when it cannot be started (ENOENT: not installed -> Exit::unavailable).
Result<ProgramOutput> run_program(const std::vector<std::string>& argv,
                                  std::chrono::milliseconds timeout = std::chrono::seconds(20));

}  // namespace ctguard
