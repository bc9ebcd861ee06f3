#include "analysis/ssh_login_rules.hpp"

#include <fnmatch.h>
#include <strings.h>

#include <ctime>

#include "analysis/password_state.hpp"
#include "lib/text.hpp"

namespace ctguard {

namespace {

bool no_login_shell(const std::string& shell) {
    return shell.ends_with("/nologin") || shell.ends_with("/false");
}

// AllowUsers/DenyUsers patterns may be USER@HOST; the host part depends on where the login comes from,
// so only the user part is compared.
bool any_pattern_matches(const std::string& patterns, const std::string& name) {
    for (auto p : split(patterns, ' ')) {
        if (p.empty() || p.front() == '!') continue;
        std::string user(p.substr(0, p.find('@')));
        if (::fnmatch(user.c_str(), name.c_str(), 0) == 0) return true;
    }
    return false;
}

// The signature algorithms that can use a key of `type` (sshkey.c): RSA keys sign with SHA-2 too.
bool type_accepted(const std::string& type, const std::string& accepted) {
    for (auto a : split(accepted, ',')) {
        if (a == type) return true;
        if (type == "ssh-rsa" && (a == "rsa-sha2-256" || a == "rsa-sha2-512")) return true;
    }
    return false;
}

}  // namespace

std::string account_refusal(const Accounts& accounts, const PasswdEntry& user, const SshdSettings& ssh,
                            int64_t today) {
    if (no_login_shell(user.shell)) return "its shell is " + user.shell;
    if (user.name == "root" && ssh.value("permitrootlogin") == "no") return "PermitRootLogin is no";
    if (user.name == "root" && ssh.value("permitrootlogin") == "forced-commands-only") {
        return "PermitRootLogin is forced-commands-only (no shell)";
    }
    if (const ShadowEntry* sh = accounts.shadow_for(user.name)) {
        // Without PAM, sshd refuses accounts whose password is locked with '!' even for keys.
        if (!ssh.yes("usepam") && password_state(sh->hash) == PasswordState::locked) {
            return "its password is locked and UsePAM is no, so sshd refuses the account";
        }
        if (sh->expires && *sh->expires < today) return "the account has expired (/etc/shadow)";
    }
    const std::string& allow = ssh.value("allowusers");
    if (any_pattern_matches(ssh.value("denyusers"), user.name)) return "DenyUsers names it";
    if (!allow.empty() && !any_pattern_matches(allow, user.name)) return "AllowUsers does not name it";
    auto groups = accounts.groups_of(user);
    const std::string& allow_groups = ssh.value("allowgroups");
    bool allowed_group = allow_groups.empty();
    for (const auto& g : groups) {
        if (any_pattern_matches(ssh.value("denygroups"), g)) return "DenyGroups names its group " + g;
        if (!allowed_group && any_pattern_matches(allow_groups, g)) allowed_group = true;
    }
    if (!allowed_group) return "AllowGroups names none of its groups";
    return "";
}

std::string key_refusal(const AuthorizedKey& k, const SshdSettings& ssh, int64_t now) {
    if (k.fingerprint.empty()) return "not a valid key";
    if (k.type == "ssh-dss") return "DSA keys are refused by OpenSSH since 7.0";
    if (key_option(k.options, "command")) return "it runs a forced command instead of a shell";
    const std::string& accepted = ssh.value("pubkeyacceptedalgorithms");
    if (!accepted.empty() && !type_accepted(k.type, accepted))
        return "PubkeyAcceptedAlgorithms does not accept its type " + k.type;
    if (auto spec = key_option(k.options, "expiry-time")) {
        auto until = parse_expiry_time(*spec);
        if (!until) return "its expiry-time=\"" + *spec + "\" is malformed, so sshd refuses the line";
        if (*until <= now) return "it expired (expiry-time=\"" + *spec + "\")";
    }
    return "";
}

std::optional<std::string> key_option(std::string_view options, std::string_view name) {
    size_t i = 0;
    while (i < options.size()) {
        // One option: NAME or NAME="VALUE" (a quote inside VALUE is written \").
        size_t name_end = i;
        while (name_end < options.size() && options[name_end] != '=' && options[name_end] != ',') ++name_end;
        std::string_view this_name = options.substr(i, name_end - i);
        std::string value;
        size_t j = name_end;
        if (j < options.size() && options[j] == '=') {
            ++j;
            bool quoted = j < options.size() && options[j] == '"';
            if (quoted) ++j;
            for (; j < options.size(); ++j) {
                char c = options[j];
                if (quoted && c == '\\' && j + 1 < options.size() && options[j + 1] == '"') {
                    value.push_back('"');
                    ++j;
                } else if (quoted ? c == '"' : c == ',') {
                    break;
                } else {
                    value.push_back(c);
                }
            }
            if (quoted && j < options.size()) ++j;  // the closing quote
        }
        if (this_name.size() == name.size() &&
            ::strncasecmp(this_name.data(), name.data(), name.size()) == 0) {
            return value;
        }
        i = options.find(',', j);
        if (i == std::string_view::npos) break;
        ++i;
    }
    return std::nullopt;
}

std::optional<int64_t> parse_expiry_time(std::string_view spec) {
    bool utc = spec.ends_with('Z') || spec.ends_with('z');
    if (utc) spec.remove_suffix(1);
    if (spec.size() != 8 && spec.size() != 12 && spec.size() != 14) return std::nullopt;
    auto field = [&](size_t at, size_t len) { return parse_u64(spec.substr(at, len)); };
    auto y = field(0, 4), mo = field(4, 2), d = field(6, 2);
    auto h = spec.size() > 8 ? field(8, 2) : std::optional<uint64_t>(0);
    auto mi = spec.size() > 8 ? field(10, 2) : std::optional<uint64_t>(0);
    auto s = spec.size() > 12 ? field(12, 2) : std::optional<uint64_t>(0);
    if (!y || !mo || !d || !h || !mi || !s || *mo < 1 || *mo > 12 || *d < 1 || *d > 31 || *h > 23 || *mi > 59 ||
        *s > 59) {
        return std::nullopt;
    }
    std::tm tm{};
    tm.tm_year = static_cast<int>(*y) - 1900;
    tm.tm_mon = static_cast<int>(*mo) - 1;
    tm.tm_mday = static_cast<int>(*d);
    tm.tm_hour = static_cast<int>(*h);
    tm.tm_min = static_cast<int>(*mi);
    tm.tm_sec = static_cast<int>(*s);
    tm.tm_isdst = -1;
    return static_cast<int64_t>(utc ? ::timegm(&tm) : std::mktime(&tm));
}

}  // namespace ctguard
