#include "host/authorized_keys.hpp"

#include <fmt/format.h>
#include <sys/stat.h>

#include <cerrno>

#include "lib/digest.hpp"
#include "lib/text.hpp"

namespace ctguard {

namespace {

bool is_key_type(std::string_view t) {
    return t.starts_with("ssh-") || t.starts_with("ecdsa-sha2-") || t.starts_with("sk-ssh-") ||
           t.starts_with("sk-ecdsa-");
}

// The options field ends at the first blank outside double quotes.
std::string_view take_options(std::string_view& s) {
    bool quoted = false;
    size_t i = 0;
    for (; i < s.size(); ++i) {
        if (s[i] == '\\' && i + 1 < s.size())
            ++i;
        else if (s[i] == '"')
            quoted = !quoted;
        else if (!quoted && (s[i] == ' ' || s[i] == '\t'))
            break;
    }
    auto opts = s.substr(0, i);
    s = trim(s.substr(i));
    return opts;
}

std::string_view take_word(std::string_view& s) {
    size_t end = s.find_first_of(" \t");
    auto word = s.substr(0, end);
    s = end == std::string_view::npos ? std::string_view() : trim(s.substr(end));
    return word;
}

// The blob starts with the key type as an SSH string (uint32 length, bytes): a cheap validity check.
bool blob_matches_type(const std::string& blob, std::string_view type) {
    if (blob.size() < 4) return false;
    uint32_t len = (uint32_t(uint8_t(blob[0])) << 24) | (uint32_t(uint8_t(blob[1])) << 16) |
                   (uint32_t(uint8_t(blob[2])) << 8) | uint32_t(uint8_t(blob[3]));
    return blob.size() >= 4 + size_t(len) && blob.compare(4, len, type) == 0;
}

// auth.c auth_secure_path(): each of file, its directories up to the home directory must be owned by
// root or the user and not writable by group or others.
std::string strict_modes_problem(const RootDir& root, const std::string& path, const PasswdEntry& user) {
    std::string p = path;
    while (true) {
        struct stat st {};
        if (::stat(root.path(p).c_str(), &st) != 0) return "";
        if (st.st_uid != 0 && st.st_uid != user.uid) {
            return p + " is owned by uid " + std::to_string(st.st_uid) + ", not by " + user.name + " or root";
        }
        if (st.st_mode & 022) return p + " is writable by group or others";
        if (p == user.home || p == "/" || p.empty()) return "";
        auto slash = p.rfind('/');
        p = slash == 0 ? "/" : p.substr(0, slash);
    }
}

}  // namespace

std::vector<AuthorizedKey> parse_authorized_keys(std::string_view text) {
    std::vector<AuthorizedKey> out;
    int line_no = 0;
    for (auto raw : split(text, '\n')) {
        ++line_no;
        auto s = trim(raw);
        if (s.empty() || s.front() == '#') continue;
        AuthorizedKey k;
        k.line = line_no;
        if (!is_key_type(s.substr(0, s.find_first_of(" \t")))) k.options = std::string(take_options(s));
        k.type = std::string(take_word(s));
        auto b64 = take_word(s);
        k.comment = std::string(s);
        if (auto blob = base64_decode(b64); blob && blob_matches_type(*blob, k.type))
            k.fingerprint = ssh_fingerprint(*blob);
        out.push_back(std::move(k));
    }
    return out;
}

std::string expand_authorized_keys_path(std::string_view pattern, const PasswdEntry& user) {
    std::string out;
    for (size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i] != '%' || i + 1 == pattern.size()) {
            out.push_back(pattern[i]);
            continue;
        }
        switch (pattern[++i]) {
            case '%':
                out.push_back('%');
                break;
            case 'h':
                out += user.home;
                break;
            case 'u':
                out += user.name;
                break;
            case 'U':
                out += std::to_string(user.uid);
                break;
            default:
                out.push_back('%');
                out.push_back(pattern[i]);
        }
    }
    if (!out.starts_with("/")) out = user.home + (user.home.ends_with("/") ? "" : "/") + out;
    return out;
}

std::vector<AuthorizedKeysFile> read_authorized_keys(const RootDir& root, const PasswdEntry& user,
                                                     std::string_view authorized_keys_file,
                                                     std::vector<std::string>& notes) {
    std::vector<AuthorizedKeysFile> out;
    for (auto pattern : split(authorized_keys_file, ' ')) {
        if (pattern.empty() || pattern == "none") continue;
        std::string path = expand_authorized_keys_path(pattern, user);
        struct stat st {};
        if (::stat(root.path(path).c_str(), &st) != 0) continue;
        // O_NOFOLLOW: the file's owner could link it to /etc/shadow, which root would read and report
        // line by line. (The directories on the way are the owner's too, but only a file named like
        // this one is read at their end.)
        auto text = read_small_file(root.path(path), small_file_max, FinalLink::refuse);
        if (!text) {
            // The file's owner can make it huge, a FIFO or a link; say it was not read rather than pass it.
            if (errno == EFBIG || errno == EINVAL || errno == ELOOP) {
                notes.push_back(fmt::format("{} was not read ({}): its keys are not checked", path,
                                            small_file_error(errno)));
            }
            continue;
        }
        out.push_back({user.name, path, static_cast<int64_t>(st.st_mtime), parse_authorized_keys(*text),
                       strict_modes_problem(root, path, user)});
    }
    return out;
}

std::optional<std::set<std::string>> read_known_keys(const RootDir& root, const std::string& path) {
    auto text = read_small_file(root.path(path));
    if (!text) return std::nullopt;
    std::set<std::string> out;
    for (auto line : split(*text, '\n')) {
        line = trim(line);
        if (line.starts_with("SHA256:")) out.emplace(line.substr(0, line.find_first_of(" \t")));
    }
    for (const auto& k : parse_authorized_keys(*text)) {
        if (!k.fingerprint.empty()) out.insert(k.fingerprint);
    }
    return out;
}

}  // namespace ctguard
