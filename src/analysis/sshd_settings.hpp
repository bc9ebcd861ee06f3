#pragma once
// The values sshd runs with: first value wins, compiled-in defaults (OpenSSH 9.2 as Debian 12 builds it)
// for what no file sets, and the Match blocks that change them for some connections.
#include <string>
#include <string_view>
#include <vector>

#include "model/sshd_config.hpp"

namespace ctguard {

// sshd -T prints "permitrootlogin without-password" for what the manual calls "prohibit-password", and
// accepts YES/No in any case: one spelling for both sides of a comparison.
std::string normalize_sshd_value(std::string_view keyword, std::string_view value);

// Global settings from the files alone (what `sshd -T` prints without -C).
SshdSettings effective_sshd_settings(const SshdConfig& config);

// Every line of `sshd -T` output as a setting (no file or line: sshd -T does not say where).
SshdSettings sshd_t_settings(std::string_view sshd_t_output);

// The live system: `sshd -T` output ("keyword value" lines) overrides what the parser found; where the two
// agree the parser's file and line are kept. `disagreements` gets one line per keyword that differed.
SshdSettings merge_sshd_t(const SshdSettings& parsed, std::string_view sshd_t_output,
                          std::vector<std::string>& disagreements);

// Directives inside Match blocks that turn `keyword` on ("yes"); per block only the first value for a
// keyword counts, as in sshd.
std::vector<const SshdDirective*> match_turns_on(const SshdConfig& config, const std::string& keyword);

// Can a password be typed at the SSH login prompt? PasswordAuthentication, or keyboard-interactive with
// PAM (PAM then asks for the account password).
bool password_logins_on(const SshdSettings& s);

}  // namespace ctguard
