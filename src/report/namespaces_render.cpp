#include "report/namespaces_render.hpp"

#include <fmt/format.h>

#include "lib/text.hpp"
#include "model/level.hpp"
#include "report/text_table.hpp"

namespace ctguard {

nlohmann::json namespaces_json(const std::vector<NamespaceTable>& namespaces) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& t : namespaces) {
        out.push_back({{"name", t.ns.name},
                       {"inode", t.ns.inode},
                       {"kind", t.ns.kind},
                       {"container", t.ns.container.empty() ? nlohmann::json(nullptr) : nlohmann::json(t.ns.container)},
                       {"netns", t.ns.arg},
                       {"pids", t.ns.pids},
                       {"count", t.stats ? nlohmann::json(t.stats->count) : nlohmann::json(nullptr)},
                       {"level", t.stats ? nlohmann::json(level_name(t.level)) : nlohmann::json(nullptr)},
                       {"error", t.note.empty() ? nlohmann::json(nullptr) : nlohmann::json(t.note)}});
    }
    return out;
}

std::string namespaces_text(const std::vector<NamespaceTable>& namespaces, const std::vector<std::string>& notes) {
    TextTable table({{"NAMESPACE"},
                     {"KIND"},
                     {"CONTAINER"},
                     {"PIDS", TextTable::Align::right},
                     {"ENTRIES", TextTable::Align::right},
                     {"LEVEL"},
                     {"ENTER WITH"}});
    for (const auto& t : namespaces) {
        table.add_row({t.ns.name, t.ns.kind, t.ns.container.empty() ? "-" : t.ns.container,
                       t.ns.pids.size() >= kNamespacePids ? fmt::format("{}+", kNamespacePids) : std::to_string(t.ns.pids.size()),
                       t.stats ? with_thousands(t.stats->count) : "?",
                       t.stats ? std::string(level_name(t.level)) : "unread: " + t.note, "--netns " + shell_quote(t.ns.arg)});
    }
    std::string out = namespaces.empty() ? "no other network namespaces\n" : table.render();
    for (const auto& n : notes) out += "note: " + printable(n) + "\n";
    return out;
}

}  // namespace ctguard
