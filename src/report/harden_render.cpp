#include "report/harden_render.hpp"

#include <fmt/format.h>

#include "lib/text.hpp"
#include "model/sshd_config.hpp"

namespace ctguard {

namespace {

std::vector<std::string_view> lines_of(const std::string& text) {
    auto lines = split(text, '\n');
    if (!lines.empty() && lines.back().empty()) lines.pop_back();
    return lines;
}

bool changes(const HardenReport& r) {
    return !r.drop_in.empty() && r.old_text != r.new_text;
}

}  // namespace

std::string unified_diff(const std::string& path, const std::optional<std::string>& old_text,
                         const std::string& new_text) {
    auto old_lines = old_text ? lines_of(*old_text) : std::vector<std::string_view>{};
    auto new_lines = lines_of(new_text);
    std::string out = fmt::format("--- {}\n+++ {}\n", old_text ? path : "/dev/null", path);
    out += fmt::format("@@ -{},{} +{},{} @@\n", old_lines.empty() ? 0 : 1, old_lines.size(),
                       new_lines.empty() ? 0 : 1, new_lines.size());
    for (auto l : old_lines) out += fmt::format("-{}\n", l);
    for (auto l : new_lines) out += fmt::format("+{}\n", l);
    return out;
}

std::string harden_text(const HardenReport& r) {
    std::string out = "ctguard harden ssh\n\nSSH now (" + r.before.source + "):\n";
    for (const char* k : {"passwordauthentication", "kbdinteractiveauthentication", "usepam",
                          "permitrootlogin", "permitemptypasswords"}) {
        const SshdSetting& s = r.before.setting(k);
        std::string where = s.file.empty() ? "built-in default" : fmt::format("{}:{}", s.file, s.line);
        out += fmt::format("  {:<30} {:<18} {}\n", sshd_directive_name(k), s.value, where);
    }
    out += "\nKey logins for root and sudo users (what keeps you in once passwords are off):\n";
    if (r.access.empty()) out += "  (no root or sudo/admin/wheel account found)\n";
    for (const auto& a : r.access)
        out += fmt::format("  {:<4} {}: {}\n", a.usable ? "ok" : "no", a.user, a.detail);
    if (!r.root_password.empty()) {
        out += fmt::format("\nRoot password: {}. (ctguard never changes passwords.)\n", r.root_password);
    }

    if (!r.refused.empty()) {
        out += fmt::format("\nRefused: {}. Nothing was changed.\n", r.refused);
    } else if (r.drop_in.empty()) {
        out += "\nNothing to change: password and keyboard-interactive logins are already off.\n";
    } else if (!changes(r)) {
        out += fmt::format("\nNothing to change: {} is already in place.\n", r.drop_in);
    } else {
        out += "\nThe change (checked with `sshd -t` on a copy first):\n" +
               unified_diff(r.drop_in, r.old_text, r.new_text);
        if (!r.applied) {
            out += "\nNothing was written. Run `ctguard harden ssh --apply` to write it.\n";
        } else {
            out += fmt::format("\nWrote {}{}.\n", r.drop_in,
                               r.backup.empty() ? "" : " (the old one is kept in " + r.backup + ")");
            out += r.reload + "\n";
        }
    }
    for (const auto& l : r.leftovers)
        out += fmt::format("NOT covered, password logins stay on there: {}.\n", l);
    for (const auto& n : r.notes) out += fmt::format("note: {}\n", n);
    return out;
}

nlohmann::json harden_json(const HardenReport& r) {
    nlohmann::json access = nlohmann::json::array();
    for (const auto& a : r.access)
        access.push_back({{"user", a.user}, {"usable", a.usable}, {"detail", a.detail}});
    nlohmann::json before = nlohmann::json::object();
    for (const auto& [k, s] : r.before.values) before[k] = s.value;
    return {{"ssh", before},
            {"ssh_source", r.before.source},
            {"key_access", access},
            {"root_password", r.root_password},
            {"refused", r.refused.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.refused)},
            {"file", r.drop_in.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.drop_in)},
            {"changed", changes(r)},
            {"diff", changes(r) ? unified_diff(r.drop_in, r.old_text, r.new_text) : ""},
            {"applied", r.applied},
            {"backup", r.backup},
            {"reload", r.reload},
            {"leftovers", r.leftovers},
            {"notes", r.notes}};
}

}  // namespace ctguard
