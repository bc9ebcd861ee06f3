#include "analysis/password_state.hpp"

#include <fmt/format.h>

namespace ctguard {

PasswordState password_state(std::string_view hash) {
    if (hash.empty()) return PasswordState::empty;
    if (hash.front() == '!') return PasswordState::locked;
    // crypt(5): "$id$..." or the 13-character traditional DES form.
    if (hash.front() == '$' || hash.size() == 13) return PasswordState::usable;
    return PasswordState::disabled;
}

std::string password_scheme(std::string_view hash) {
    if (hash.starts_with("$y$")) return "yescrypt";
    if (hash.starts_with("$gy$")) return "gost-yescrypt";
    if (hash.starts_with("$7$")) return "scrypt";
    if (hash.starts_with("$2")) return "bcrypt";
    if (hash.starts_with("$6$")) return "SHA-512 crypt";
    if (hash.starts_with("$5$")) return "SHA-256 crypt";
    if (hash.starts_with("$1$")) return "MD5 crypt, weak: cracked quickly if the hash leaks";
    if (hash.size() == 13 && hash.front() != '$') return "DES crypt, weak: only 8 characters count";
    return "unknown hash";
}

std::string password_advice(const std::string& user, std::string_view hash) {
    switch (password_state(hash)) {
        case PasswordState::empty:
            return fmt::format(
                "{0} has an EMPTY password: anyone can log in as {0} without one. Lock it now with "
                "`passwd -l {0}`, or set one with `passwd {0}`",
                user);
        case PasswordState::locked:
            return fmt::format(
                "{}'s password is locked (passwd -l): no password logins, SSH keys still work. "
                "Nothing to do",
                user);
        case PasswordState::disabled:
            return fmt::format(
                "{}'s password is locked ('*' or another non-hash in /etc/shadow): no password logins, "
                "SSH keys still work. Nothing to do, and do not set one",
                user);
        case PasswordState::usable:
            return fmt::format(
                "{0} has a usable password ({1}). Once you have checked that your SSH key works, lock "
                "it with `passwd -l {0}` (SSH keys keep working), or change it to a long random one "
                "with `passwd {0}`",
                user, password_scheme(hash));
    }
    return "";
}

}  // namespace ctguard
