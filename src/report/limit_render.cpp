#include "report/limit_render.hpp"

#include <fmt/format.h>

#include "lib/text.hpp"
#include "report/status_render.hpp"
#include "report/text_table.hpp"
#include "report/unified_diff.hpp"

namespace ctguard {

namespace {

nlohmann::json persisted_json(const std::optional<PersistedValue>& p) {
    if (!p) return nullptr;
    return {{"file", p->file}, {"line", p->line}, {"value", p->value}};
}

nlohmann::json conflicts_json(const std::vector<SysctlConflict>& conflicts) {
    auto out = nlohmann::json::array();
    for (const auto& c : conflicts) {
        out.push_back({{"file", c.file},
                       {"line", c.line},
                       {"key", c.key},
                       {"value", c.value ? nlohmann::json(*c.value) : nlohmann::json(nullptr)},
                       {"problem", c.problem},
                       {"fixable", c.fixable}});
    }
    return out;
}

std::string conflicts_text(const std::vector<SysctlConflict>& conflicts) {
    if (conflicts.empty()) return "conflicts        none\n";
    std::string out = fmt::format("conflicts        {}\n", conflicts.size());
    for (const auto& c : conflicts) {
        std::string where = c.line > 0 ? fmt::format("{}:{}", c.file, c.line) : c.file;
        std::string value = c.value ? " = " + std::to_string(*c.value) : "";
        out += fmt::format("  {}  {}{}\n      {}\n", where, c.key, value, c.problem);
    }
    return out;
}

std::string persisted_text(const std::optional<PersistedValue>& p) {
    if (!p) return "not set (the kernel default applies)";
    return fmt::format("{}  {}:{}", with_thousands(p->value), p->file, p->line);
}

std::string module_text(const ModuleAtBoot& m) {
    if (m.builtin) return "built into the kernel: there before systemd-sysctl";
    if (!m.listed_in.empty()) return "loaded early by " + m.listed_in;
    return "a module nothing loads before systemd-sysctl";
}

}  // namespace

std::string human_bytes(uint64_t bytes) {
    const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
    double v = static_cast<double>(bytes);
    size_t u = 0;
    while (v >= 1024.0 && u + 1 < std::size(units)) {
        v /= 1024.0;
        ++u;
    }
    return u == 0 ? fmt::format("{} B", bytes) : fmt::format("{:.1f} {}", v, units[u]);
}

nlohmann::json limit_json(const LimitReport& r) {
    nlohmann::json memory = nullptr;
    if (auto m = r.memory_at_max()) {
        memory = {{"object_size", *r.object_size}, {"bucket_size", kBucketBytes}, {"bytes_at_max", *m}};
    }
    return {{"max", r.max},
            {"count", r.count},
            {"usage",
             rounded_usage(r.max == 0 ? 0.0 : static_cast<double>(r.count) / static_cast<double>(r.max))},
            {"hashsize", r.buckets},
            {"memory", memory},
            {"persisted",
             r.boot ? nlohmann::json{{"file", r.boot->file}, {"value", r.boot->value}} : nlohmann::json()},
            {"boot", persisted_json(r.boot)},
            {"sysctl_system", persisted_json(r.system)},
            {"module",
             {{"builtin", r.module.builtin}, {"listed_in", r.module.listed_in}, {"early", r.module.early()}}},
            {"host_only", r.host_only},
            {"conflicts", conflicts_json(r.conflicts)},
            {"recommendations", r.recommendations}};
}

std::string limit_text(const LimitReport& r) {
    std::string out;
    double usage = r.max == 0 ? 0.0 : static_cast<double>(r.count) / static_cast<double>(r.max);
    out +=
        fmt::format("nf_conntrack_max {}  (count {}, {}){}\n", with_thousands(r.max), with_thousands(r.count),
                    percent(usage), r.host_only ? "  read-only here: set by the host" : "");
    if (r.buckets > 0) {
        out += fmt::format("buckets          {}  ({:.2f} entries per bucket at a full table)\n",
                           with_thousands(r.buckets),
                           static_cast<double>(r.max) / static_cast<double>(r.buckets));
    }
    if (auto m = r.memory_at_max()) {
        out += fmt::format("memory at max    {}  ({} entries x {} B + {} buckets x {} B)\n", human_bytes(*m),
                           with_thousands(r.max), *r.object_size, with_thousands(r.buckets), kBucketBytes);
    } else {
        out += "memory at max    unknown (/proc/slabinfo is readable by root only)\n";
    }
    out += "at boot          " + persisted_text(r.boot) + "  (systemd-sysctl)\n";
    out += "sysctl --system  " + persisted_text(r.system) + "\n";
    out += "nf_conntrack     " + module_text(r.module) + "\n";
    out += conflicts_text(r.conflicts);
    if (!r.recommendations.empty()) {
        out += "recommendations\n";
        for (size_t i = 0; i < r.recommendations.size(); ++i) {
            out += fmt::format("  {}. {}\n", i + 1, r.recommendations[i]);
        }
    }
    return out;
}

nlohmann::json apply_json(const ApplyReport& r) {
    auto live = nlohmann::json::array();
    for (const auto& l : r.live) {
        live.push_back({{"what", l.what},
                        {"before", l.before ? nlohmann::json(*l.before) : nlohmann::json(nullptr)},
                        {"after", l.after}});
    }
    auto files = nlohmann::json::array();
    for (const auto& f : r.files) {
        files.push_back(
            {{"file", f.path},
             {"action", !f.after   ? "remove"
                        : f.before ? "update"
                                   : "create"},
             {"backup", f.backup && f.before ? nlohmann::json(backup_path(f.path)) : nlohmann::json()},
             {"why", f.why}});
    }
    return {{"dry_run", r.dry_run},
            {"live", live},
            {"files", files},
            {"conflicts", conflicts_json(r.conflicts)},
            {"notes", r.notes}};
}

std::string apply_text(const ApplyReport& r) {
    std::string out;
    const char* verb = r.dry_run ? "would set" : "set";
    for (const auto& l : r.live) {
        out += fmt::format("{} {} {} -> {}\n", verb, l.what, l.before ? with_thousands(*l.before) : "?",
                           with_thousands(l.after));
    }
    for (const auto& f : r.files) {
        const char* action = !f.after ? "remove" : f.before ? "update" : "create";
        out += fmt::format("{}{} {}  ({})\n", r.dry_run ? "would " : "", action, f.path, f.why);
        if (f.backup && f.before && !r.dry_run) out += "  backup in " + backup_path(f.path) + "\n";
    }
    for (const auto& n : r.notes) out += "note: " + n + "\n";
    if (!r.conflicts.empty()) out += conflicts_text(r.conflicts);
    if (r.dry_run) {
        for (const auto& f : r.files) out += unified_diff(f.path, f.before, f.after);
    }
    return out;
}

nlohmann::json timeouts_json(const std::vector<TimeoutRow>& rows,
                             const std::vector<SysctlConflict>& conflicts) {
    auto list = nlohmann::json::array();
    for (const auto& t : rows) {
        list.push_back(
            {{"name", t.name},
             {"key", t.key},
             {"value", t.value ? nlohmann::json(*t.value) : nlohmann::json(nullptr)},
             {"boot", persisted_json(t.boot)},
             {"recommended", t.recommended ? nlohmann::json(*t.recommended) : nlohmann::json(nullptr)}});
    }
    return {{"timeouts", list}, {"conflicts", conflicts_json(conflicts)}};
}

std::string timeouts_text(const std::vector<TimeoutRow>& rows, const std::vector<SysctlConflict>& conflicts) {
    TextTable table({{"NAME"}, {"SECONDS", TextTable::Align::right}, {"AT BOOT"}, {"ADVICE"}});
    for (const auto& t : rows) {
        if (!t.value && !t.boot) continue;  // protocol module not loaded and nothing persisted
        table.add_row(
            {t.name, t.value ? with_thousands(*t.value) : "-",
             t.boot ? fmt::format("{} ({}:{})", with_thousands(t.boot->value), t.boot->file, t.boot->line)
                    : "-",
             t.recommended ? fmt::format("extreme: {} recommended", with_thousands(*t.recommended)) : ""});
    }
    return table.render() + conflicts_text(conflicts);
}

}  // namespace ctguard
