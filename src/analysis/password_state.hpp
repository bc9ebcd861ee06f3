#pragma once
// What the password field of /etc/shadow allows.
#include <string>
#include <string_view>

namespace ctguard {

enum class PasswordState {
    empty,     // "": no password needed at all
    locked,    // "!..." (passwd -l): no password login, SSH keys still work
    disabled,  // "*", "!!" and other non-hashes: no password was ever set
    usable,    // a crypt hash: the password logs in
};

PasswordState password_state(std::string_view hash);
// "yescrypt", "SHA-512 crypt", "MD5 crypt (weak)", ... for a usable hash.
std::string password_scheme(std::string_view hash);
// The state in a sentence for a newcomer, with the exact command when one is worth running, e.g.
// "root has a usable password (yescrypt): lock it with `passwd -l root` (SSH keys keep working) ...".
std::string password_advice(const std::string& user, std::string_view hash);

}  // namespace ctguard
