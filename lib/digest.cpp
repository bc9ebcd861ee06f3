#include "lib/digest.hpp"

// The digests' own functions (SHA256_Init, MD5_Init), which OpenSSL 3.0 deprecated in favour of EVP,
// declared as the 1.1.1 API did. Linked from libcrypto.a, they bring in a few kilobytes; EVP brings
// the provider machinery, 4 MB with 16,600 pointers the loader relocates at every start of every
// command (docs/testing.md). EVP_EncodeBlock and EVP_DecodeBlock are small and standalone.
#define OPENSSL_API_COMPAT 0x10101000L
#include <fcntl.h>
#include <openssl/evp.h>
#include <openssl/md5.h>
#include <openssl/sha.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <memory>

#include "lib/unique_fd.hpp"

namespace ctguard {

namespace {

std::string to_hex(const unsigned char* p, unsigned n) {
    static const char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(n * 2);
    for (unsigned i = 0; i < n; ++i) {
        out.push_back(digits[p[i] >> 4]);
        out.push_back(digits[p[i] & 15]);
    }
    return out;
}

// One digest's three steps, for the file reader.
template <class Ctx, int (*Init)(Ctx*), int (*Update)(Ctx*, const void*, size_t),
          int (*Final)(unsigned char*, Ctx*), unsigned Size>
struct Digest {
    Ctx ctx;
    Digest() { Init(&ctx); }
    void update(const void* p, size_t n) { Update(&ctx, p, n); }
    std::string hex() {
        unsigned char md[Size];
        Final(md, &ctx);
        return to_hex(md, Size);
    }
};
using Md5 = Digest<MD5_CTX, MD5_Init, MD5_Update, MD5_Final, MD5_DIGEST_LENGTH>;
using Sha256Digest = Digest<SHA256_CTX, SHA256_Init, SHA256_Update, SHA256_Final, SHA256_DIGEST_LENGTH>;

template <class D>
std::optional<std::string> file_digest_hex(const std::string& path, uint64_t max_bytes) {
    // O_NONBLOCK: a FIFO put where a binary was expected must not block the reader.
    UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK));
    if (!fd.valid()) return std::nullopt;
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0) return std::nullopt;
    if (!S_ISREG(st.st_mode)) {
        errno = EINVAL;
        return std::nullopt;
    }
    // The size says a sparse 1 TB file is too large before a byte is read; the count below catches
    // a file that grows while it is read.
    if (static_cast<uint64_t>(st.st_size) > max_bytes) {
        errno = EFBIG;
        return std::nullopt;
    }
    D digest;
    unsigned char buf[65536];
    uint64_t total = 0;
    while (true) {
        ssize_t n = ::read(fd.get(), buf, sizeof buf);
        if (n < 0) {
            if (errno == EINTR) continue;
            return std::nullopt;
        }
        if (n == 0) break;
        total += static_cast<uint64_t>(n);
        if (total > max_bytes) {
            errno = EFBIG;
            return std::nullopt;
        }
        digest.update(buf, static_cast<size_t>(n));
    }
    return digest.hex();
}

}  // namespace

std::optional<std::string> md5_file_hex(const std::string& path, uint64_t max_bytes) {
    return file_digest_hex<Md5>(path, max_bytes);
}

std::optional<std::string> sha256_file(const std::string& path, uint64_t max_bytes) {
    return file_digest_hex<Sha256Digest>(path, max_bytes);
}

struct Sha256::Ctx {
    Sha256Digest digest;
};

Sha256::Sha256() : ctx_(std::make_unique<Ctx>()) {}
Sha256::~Sha256() = default;
void Sha256::update(std::string_view bytes) { ctx_->digest.update(bytes.data(), bytes.size()); }
std::string Sha256::hex() { return ctx_->digest.hex(); }

std::string sha256_hex(std::string_view data) {
    Sha256Digest d;
    d.update(data.data(), data.size());
    return d.hex();
}

std::string ssh_fingerprint(std::string_view blob) {
    // Not SHA256(): OpenSSL 3 implements that one through EVP.
    unsigned char md[SHA256_DIGEST_LENGTH];
    SHA256_CTX ctx;
    SHA256_Init(&ctx);
    SHA256_Update(&ctx, blob.data(), blob.size());
    SHA256_Final(md, &ctx);
    std::string b64(4 * ((sizeof md + 2) / 3) + 1, '\0');
    int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(b64.data()), md, static_cast<int>(sizeof md));
    b64.resize(static_cast<size_t>(n));
    while (!b64.empty() && b64.back() == '=') b64.pop_back();
    return "SHA256:" + b64;
}

std::optional<std::string> base64_decode(std::string_view text) {
    if (text.empty() || text.size() % 4 != 0) return std::nullopt;
    std::string out(text.size() / 4 * 3, '\0');
    int n =
        EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                        reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
    if (n < 0) return std::nullopt;
    // EVP_DecodeBlock counts the bytes the '=' padding stands for; drop them.
    size_t pad = 0;
    if (text.back() == '=') ++pad;
    if (text.size() >= 2 && text[text.size() - 2] == '=') ++pad;
    out.resize(static_cast<size_t>(n) - pad);
    return out;
}

}  // namespace ctguard
