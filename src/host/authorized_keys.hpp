#pragma once
// authorized_keys files: which ones sshd reads for a user, and what they hold.
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "lib/root_dir.hpp"
#include "model/accounts.hpp"

namespace ctguard {

// sshd(8) AUTHORIZED_KEYS FILE FORMAT, one key per line:
//   [options] keytype base64-blob [comment]
//   command="echo hi",no-pty ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA... alice@laptop
// Blank and '#' lines are skipped; a line whose blob is not valid base64 keeps an empty fingerprint.
std::vector<AuthorizedKey> parse_authorized_keys(std::string_view text);

// The AuthorizedKeysFile tokens: %% -> %, %h -> home, %u -> user, %U -> uid; relative paths are
// relative to the home directory.
std::string expand_authorized_keys_path(std::string_view pattern, const PasswdEntry& user);

// The files sshd would read for `user` given the AuthorizedKeysFile value ("none" reads nothing).
// Files that do not exist are left out; one too large to read or not a regular file gets a note.
std::vector<AuthorizedKeysFile> read_authorized_keys(const RootDir& root, const PasswdEntry& user,
                                                     std::string_view authorized_keys_file,
                                                     std::vector<std::string>& notes);

// The owner's list of keys they know (audit --known-keys, default /etc/ctguard/known_keys): one per line,
// either a fingerprint as `ssh-keygen -lf` prints it or a public key line:
//   SHA256:Vf2Mk8p0c5dS0V0mJcS7n9R5mZ0W8x3J9kYpQyq1c3E
//   ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI... alice@laptop
// nullopt when the file does not exist.
std::optional<std::set<std::string>> read_known_keys(const RootDir& root, const std::string& path);

}  // namespace ctguard
