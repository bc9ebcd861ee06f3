#pragma once
// Digests and base64 from libcrypto (its static archive: digest.cpp says why not EVP).
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace ctguard {

// Files hashed whole are binaries: 128 MiB is more than any real one (Debian's largest executables are
// a few tens of MiB) and hashes in well under a second, while a 1 TB sparse file, which anyone can
// make, would keep a reader busy for an hour.
inline constexpr uint64_t hash_file_max = 128 << 20;

// MD5 of a file as 32 lower-case hex digits (the format of dpkg's *.md5sums); nullopt with errno set
// when the file cannot be read: EFBIG when it is larger than max_bytes (then nothing is read),
// EINVAL when it is not a regular file.
std::optional<std::string> md5_file_hex(const std::string& path, uint64_t max_bytes = hash_file_max);
// SHA-256 as lower-case hex, of bytes or of a file (streamed; errors as md5_file_hex).
std::string sha256_hex(std::string_view data);
std::optional<std::string> sha256_file(const std::string& path, uint64_t max_bytes = hash_file_max);

// SHA-256 fed piece by piece (a copy that is hashed as it is written).
class Sha256 {
  public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256&) = delete;
    Sha256& operator=(const Sha256&) = delete;
    void update(std::string_view bytes);
    std::string hex();  // once, at the end

  private:
    struct Ctx;
    std::unique_ptr<Ctx> ctx_;
};

// "SHA256:<base64 without padding>" of a public-key blob: what `ssh-keygen -lf` prints.
std::string ssh_fingerprint(std::string_view blob);

// Standard base64 with padding; nullopt when the text is not base64.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace ctguard
