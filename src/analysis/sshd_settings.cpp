#include "analysis/sshd_settings.hpp"

#include <set>

#include "lib/text.hpp"

namespace ctguard {

namespace {

// These collect every value instead of keeping the first.
bool accumulates(const std::string& keyword) {
    return keyword == "allowusers" || keyword == "denyusers" || keyword == "allowgroups" ||
           keyword == "denygroups";
}

}  // namespace

std::string normalize_sshd_value(std::string_view keyword, std::string_view value) {
    if (keyword == "authorizedkeysfile" || keyword == "authorizedkeyscommand" ||
        accumulates(std::string(keyword))) {
        return std::string(value);
    }
    std::string v = to_lower(value);
    if (keyword == "permitrootlogin" && v == "without-password") return "prohibit-password";
    return v;
}

SshdSettings effective_sshd_settings(const SshdConfig& config) {
    SshdSettings s;
    for (const auto& [key, info] : sshd_keywords()) s.values[key] = {info.default_value, "", 0};
    std::set<std::string> seen;
    for (const auto& d : config.directives) {
        if (!d.global() || !sshd_keywords().count(d.keyword)) continue;
        auto& slot = s.values[d.keyword];
        if (accumulates(d.keyword)) {
            if (slot.file.empty())
                slot = {join(d.args, " "), d.file, d.line};
            else
                slot.value.append(" ").append(join(d.args, " "));
        } else if (seen.insert(d.keyword).second) {
            slot = {normalize_sshd_value(d.keyword, join(d.args, " ")), d.file, d.line};
        }
    }
    return s;
}

SshdSettings sshd_t_settings(std::string_view output) {
    // sshd -T prints lines like "passwordauthentication yes"; list options repeat the keyword per value.
    SshdSettings out;
    out.source = "sshd -T";
    for (auto line : split(output, '\n')) {
        line = trim(line);
        auto sp = line.find(' ');
        if (sp == std::string_view::npos) continue;
        std::string key = to_lower(line.substr(0, sp));
        auto value = normalize_sshd_value(key, trim(line.substr(sp + 1)));
        auto [it, fresh] = out.values.emplace(key, SshdSetting{value, "", 0});
        if (!fresh) it->second.value += " " + value;
    }
    return out;
}

SshdSettings merge_sshd_t(const SshdSettings& parsed, std::string_view output,
                          std::vector<std::string>& disagreements) {
    SshdSettings out = parsed;
    out.source = "sshd -T";
    for (const auto& [key, setting] : sshd_t_settings(output).values) {
        if (!sshd_keywords().count(key)) continue;
        const std::string& value = setting.value;
        // sshd -T prints "authenticationmethods any" and no allowusers line when unset.
        auto& slot = out.values[key];
        if (slot.value == value) continue;
        disagreements.push_back(key + ": the files say '" + slot.value + "', sshd -T says '" + value + "'");
        slot = {value, "", 0};
    }
    return out;
}

std::vector<const SshdDirective*> match_turns_on(const SshdConfig& config, const std::string& keyword) {
    std::vector<const SshdDirective*> out;
    std::set<std::pair<std::string, std::vector<std::string>>> blocks;
    for (const auto& d : config.directives) {
        if (d.global() || d.keyword != keyword) continue;
        // First value wins inside a block too; a block is its file and its conditions.
        if (!blocks.insert({d.file, d.match}).second) continue;
        if (normalize_sshd_value(keyword, d.args.at(0)) == "yes") out.push_back(&d);
    }
    return out;
}

bool password_logins_on(const SshdSettings& s) {
    return s.yes("passwordauthentication") || (s.yes("kbdinteractiveauthentication") && s.yes("usepam"));
}

}  // namespace ctguard
