#include "analysis/password_state.hpp"

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

std::string describe_password(const std::string& user, std::string_view hash) {
    switch (password_state(hash)) {
        case PasswordState::empty:
            return user + " has an EMPTY password: anyone can log in as " + user + " without one";
        case PasswordState::locked:
            return user + "'s password is locked (passwd -l): no password logins, SSH keys still work";
        case PasswordState::disabled:
            return user + " has no password set: no password logins, SSH keys still work";
        case PasswordState::usable:
            return user + " has a usable password (" + password_scheme(hash) + ")";
    }
    return "";
}

}  // namespace ctguard
