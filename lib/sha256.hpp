#pragma once
// SHA-256 (OpenSSL EVP) as lowercase hex.
#include <optional>
#include <string>
#include <string_view>

namespace ctguard {

std::string sha256_hex(std::string_view data);
// Streams the file; nullopt with errno set when it cannot be read.
std::optional<std::string> sha256_file(const std::string& path);

}  // namespace ctguard
