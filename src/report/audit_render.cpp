#include "report/audit_render.hpp"

#include <fmt/format.h>

#include "lib/text.hpp"
#include "report/text_table.hpp"

namespace ctguard {

namespace {

std::string wrapped(const std::string& text, const std::string& indent, size_t width) {
    return word_wrap(text, indent, indent, width);
}

std::string location(const Finding& f) {
    return printable(f.line > 0 ? fmt::format("{}:{}", f.file, f.line) : f.file);
}

}  // namespace

nlohmann::json finding_json(const Finding& f) {
    return {{"id", f.id},           {"severity", severity_name(f.severity)},
            {"file", f.file},       {"line", f.line > 0 ? nlohmann::json(f.line) : nlohmann::json(nullptr)},
            {"message", f.message}, {"fix", f.fix}};
}

nlohmann::json audit_json(const AuditReport& r) {
    nlohmann::json findings = nlohmann::json::array();
    for (const auto& f : r.findings) findings.push_back(finding_json(f));
    nlohmann::json checked = nlohmann::json::object();
    for (const auto& [what, n] : r.checked) checked[what] = n;
    nlohmann::json settings = nlohmann::json::object();
    for (const auto& [keyword, set] : r.ssh.values) {
        settings[keyword] = {{"value", set.value},
                             {"file", set.file.empty() ? nlohmann::json(nullptr) : nlohmann::json(set.file)},
                             {"line", set.line > 0 ? nlohmann::json(set.line) : nlohmann::json(nullptr)}};
    }
    return {{"findings", findings},
            {"notes", r.notes},
            {"ssh", {{"source", r.ssh.source}, {"settings", settings}}},
            {"checked", checked}};
}

std::string finding_text(const Finding& f, size_t width) {
    std::string out = fmt::format("{:<6}  {}  {}\n", to_upper(severity_name(f.severity)), f.id, location(f));
    out += wrapped(f.message, "        ", width);
    out += wrapped(fmt::format("fix: {}", f.fix), "        ", width);
    return out;
}

std::string audit_text(const AuditReport& r, size_t width) {
    int count[3] = {0, 0, 0};
    for (const auto& f : r.findings) ++count[static_cast<int>(f.severity)];
    std::string out;
    if (r.findings.empty()) {
        out += "ctguard audit: no findings\n";
    } else {
        out += fmt::format("ctguard audit: {} high, {} medium, {} low (most urgent first)\n", count[0],
                           count[1], count[2]);
    }
    for (const auto& f : r.findings) out += fmt::format("\n{}", finding_text(f, width));

    std::string checked =
        join(r.checked, ", ", [](const auto& c) { return fmt::format("{}: {}", c.first, c.second); });
    out += fmt::format("\n{}",
                       wrapped(fmt::format("checked: {}; SSH settings from {}", checked, r.ssh.source), "", width));
    for (const auto& n : r.notes) out += wrapped(fmt::format("note: {}", n), "", width);
    return out;
}

}  // namespace ctguard
