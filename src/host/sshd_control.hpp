#pragma once
// Runs the installed sshd: `sshd -T` (effective settings), `sshd -t` (syntax and sanity check), and the
// SIGHUP that makes a running sshd re-read its configuration.
#include <string>

#include "lib/result.hpp"
#include "lib/run_program.hpp"
#include "model/sshd_config.hpp"

namespace ctguard {

// /usr/sbin/sshd (or wherever it is installed); empty when openssh-server is not installed.
std::string find_sshd();

// `sshd -T` for the live system. Fails with Exit::unavailable when sshd is not installed; a non-zero exit
// (no host keys, no /run/sshd) comes back as output with its exit code.
Result<ProgramOutput> sshd_dump_live();

// Checks `config` (every file as read, planned drop-ins included) with `sshd -t -f` on a copy in a
// temporary directory, so nothing under /etc changes before it passes. Include lines in the copy point
// into the copy. sshd also gets a throw-away host key: the check is about the settings, and the HostKey
// files named in a --root tree belong to another system (or are root's, when not run as root).
// Returns sshd's complaint as the error.
Result<void> sshd_test_copy(const SshdConfig& config);

// `sshd -t` on the installed configuration itself.
Result<void> sshd_test_live();

// SIGHUP to the running sshd (pid from /run/sshd.pid, checked against /proc/PID/comm), as
// `systemctl reload ssh` does. false when no sshd is running.
Result<bool> reload_sshd();

}  // namespace ctguard
