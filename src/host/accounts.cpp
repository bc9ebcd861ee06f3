#include "host/accounts.hpp"

#include <cerrno>
#include <cstring>

#include "lib/text.hpp"

namespace ctguard {

namespace {

// Calls fn(fields, line_no) for each non-empty, non-comment line split on ':'.
template <class Fn>
void for_each_record(std::string_view text, Fn fn) {
    int line_no = 0;
    for (auto line : split(text, '\n')) {
        ++line_no;
        if (trim(line).empty() || line.front() == '#') continue;
        fn(split(line, ':'), line_no);
    }
}

}  // namespace

std::vector<PasswdEntry> parse_passwd(std::string_view text) {
    std::vector<PasswdEntry> out;
    for_each_record(text, [&](const std::vector<std::string_view>& f, int line_no) {
        if (f.size() < 7) return;
        auto uid = parse_u64(f[2], UINT32_MAX);
        auto gid = parse_u64(f[3], UINT32_MAX);
        if (!uid || !gid) return;
        out.push_back({std::string(f[0]), static_cast<uint32_t>(*uid), static_cast<uint32_t>(*gid),
                       std::string(f[5]), std::string(f[6]), line_no});
    });
    return out;
}

std::vector<ShadowEntry> parse_shadow(std::string_view text) {
    std::vector<ShadowEntry> out;
    for_each_record(text, [&](const std::vector<std::string_view>& f, int line_no) {
        if (f.size() < 2) return;
        ShadowEntry e{std::string(f[0]), std::string(f[1]), std::nullopt, line_no};
        if (f.size() > 7) {
            if (auto days = parse_u64(f[7])) e.expires = static_cast<int64_t>(*days);
        }
        out.push_back(std::move(e));
    });
    return out;
}

std::vector<GroupEntry> parse_group(std::string_view text) {
    std::vector<GroupEntry> out;
    for_each_record(text, [&](const std::vector<std::string_view>& f, int) {
        if (f.size() < 4) return;
        auto gid = parse_u64(f[2], UINT32_MAX);
        if (!gid) return;
        GroupEntry g{std::string(f[0]), static_cast<uint32_t>(*gid), {}};
        for (auto m : split(f[3], ',')) {
            if (!trim(m).empty()) g.members.emplace_back(trim(m));
        }
        out.push_back(std::move(g));
    });
    return out;
}

Accounts read_accounts(const RootDir& root, std::vector<std::string>& notes) {
    Accounts a;
    auto read = [&](const char* path, const char* skipped) -> std::optional<std::string> {
        auto text = read_small_file(root.path(path));
        if (!text)
            notes.push_back(std::string("cannot read ") + path + " (" + std::strerror(errno) +
                            "): " + skipped);
        return text;
    };
    if (auto t = read("/etc/passwd", "account and authorized_keys checks skipped"))
        a.passwd = parse_passwd(*t);
    if (auto t = read("/etc/group", "sudo group members unknown")) a.groups = parse_group(*t);
    if (auto t = read("/etc/shadow", "password checks skipped (run as root)")) {
        a.shadow = parse_shadow(*t);
        a.shadow_read = true;
    }
    return a;
}

}  // namespace ctguard
