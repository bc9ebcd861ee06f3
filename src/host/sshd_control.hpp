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

// `config` (every file as read, planned drop-ins included) copied into a temporary directory (removed
// with the object), so that sshd can judge it before anything under /etc changes. Include lines in the
// copy point into the copy. sshd also gets a throw-away host key: the checks are about the settings,
// and the HostKey files named in a --root tree belong to another system (or are root's, when not run
// as root).
class SshdCopy {
  public:
    static Result<SshdCopy> write(const SshdConfig& config);
    SshdCopy(SshdCopy&&) noexcept;
    SshdCopy& operator=(SshdCopy&&) = delete;
    ~SshdCopy();

    // `sshd -t -f`: sshd's complaint as the error.
    Result<void> test() const;
    // `sshd -T -C user=USER,host=localhost,addr=127.0.0.1 -f`: the settings sshd applies to USER's login
    // from this machine (Match User blocks applied). sshd's complaint as the error.
    Result<std::string> settings_for(const std::string& user) const;

  private:
    SshdCopy() = default;
    std::string sshd_, dir_, main_, key_;
};

// `sshd -t` on the installed configuration itself.
Result<void> sshd_test_live();

// SIGHUP to the running sshd (pid from /run/sshd.pid, checked against /proc/PID/comm), as
// `systemctl reload ssh` does. false when no sshd is running.
Result<bool> reload_sshd();

}  // namespace ctguard
