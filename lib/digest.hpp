#pragma once
// Digests and base64 through OpenSSL's EVP interface (libcrypto is already linked).
#include <optional>
#include <string>
#include <string_view>

namespace ctguard {

// MD5 of a file as 32 lower-case hex digits (the format of dpkg's *.md5sums); nullopt with errno set
// when the file cannot be read.
std::optional<std::string> md5_file_hex(const std::string& path);

// "SHA256:<base64 without padding>" of a public-key blob: what `ssh-keygen -lf` prints.
std::string ssh_fingerprint(std::string_view blob);

// Standard base64 with padding; nullopt when the text is not base64.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace ctguard
