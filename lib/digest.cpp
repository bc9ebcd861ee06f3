#include "lib/digest.hpp"

#include <fcntl.h>
#include <openssl/evp.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <memory>

#include "lib/unique_fd.hpp"

namespace ctguard {

namespace {

using MdCtx = std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)>;

std::string hex(const unsigned char* p, unsigned n) {
    static const char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(n * 2);
    for (unsigned i = 0; i < n; ++i) {
        out.push_back(digits[p[i] >> 4]);
        out.push_back(digits[p[i] & 15]);
    }
    return out;
}

std::string final_hex(EVP_MD_CTX* ctx) {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned len = 0;
    EVP_DigestFinal_ex(ctx, md, &len);
    return hex(md, len);
}

std::optional<std::string> file_digest_hex(const std::string& path, const EVP_MD* type, uint64_t max_bytes) {
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
    MdCtx ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    if (!ctx || EVP_DigestInit_ex(ctx.get(), type, nullptr) != 1) {
        errno = ENOMEM;
        return std::nullopt;
    }
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
        EVP_DigestUpdate(ctx.get(), buf, static_cast<size_t>(n));
    }
    return final_hex(ctx.get());
}

}  // namespace

std::optional<std::string> md5_file_hex(const std::string& path, uint64_t max_bytes) {
    return file_digest_hex(path, EVP_md5(), max_bytes);
}

std::optional<std::string> sha256_file(const std::string& path, uint64_t max_bytes) {
    return file_digest_hex(path, EVP_sha256(), max_bytes);
}

struct Sha256::Ctx {
    MdCtx md{EVP_MD_CTX_new(), EVP_MD_CTX_free};
};

Sha256::Sha256() : ctx_(std::make_unique<Ctx>()) { EVP_DigestInit_ex(ctx_->md.get(), EVP_sha256(), nullptr); }
Sha256::~Sha256() = default;
void Sha256::update(std::string_view bytes) { EVP_DigestUpdate(ctx_->md.get(), bytes.data(), bytes.size()); }
std::string Sha256::hex() { return final_hex(ctx_->md.get()); }

std::string sha256_hex(std::string_view data) {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned len = 0;
    EVP_Digest(data.data(), data.size(), md, &len, EVP_sha256(), nullptr);
    return hex(md, len);
}

std::string ssh_fingerprint(std::string_view blob) {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned len = 0;
    EVP_Digest(blob.data(), blob.size(), md, &len, EVP_sha256(), nullptr);
    std::string b64(4 * ((len + 2) / 3) + 1, '\0');
    int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(b64.data()), md, static_cast<int>(len));
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
