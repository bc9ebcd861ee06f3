#include "report/history_render.hpp"

#include "lib/text.hpp"
#include "lib/time_text.hpp"
#include "report/text_table.hpp"

namespace ctguard {

namespace {

// Stored JSON is ours, but a hand-edited row must not stop the listing.
nlohmann::json parse_or_null(const std::string& text) {
    return nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
}

// "2024-05-01T12:00:03.250Z" -> "2024-05-01 12:00:03"
std::string short_time(double t) {
    std::string s = format_rfc3339(t);
    s[10] = ' ';
    return s.substr(0, 19);
}

// "warn>cap>ok" from the level changes.
std::string level_path(const nlohmann::json& levels) {
    std::string out;
    if (!levels.is_array()) return "?";
    for (const auto& c : levels) {
        if (!c.is_object() || !c.contains("level") || !c["level"].is_string()) continue;
        if (!out.empty()) out += '>';
        out += c["level"].get<std::string>();
    }
    return out;
}

// The biggest source in the first evidence that has one: "198.18.0.7 (12,000)".
std::string top_source(const nlohmann::json& evidence) {
    if (!evidence.is_array()) return "-";
    for (const auto& e : evidence) {
        const auto* rows =
            e.is_object() && e.contains("top") && e["top"].is_object() && e["top"].contains("src")
                ? &e["top"]["src"]["rows"]
                : nullptr;
        if (!rows || !rows->is_array() || rows->empty()) continue;
        const auto& row = rows->front();
        if (!row.contains("src") || !row["src"].is_string() || !row.contains("count")) continue;
        return row["src"].get<std::string>() + " (" + with_thousands(row["count"].get<uint64_t>()) + ")";
    }
    return "-";
}

}  // namespace

nlohmann::json history_json(const std::vector<HistoryRow>& rows) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& r : rows) {
        list.push_back({{"id", r.id},
                        {"tenant", r.tenant},
                        {"start", format_rfc3339(r.start)},
                        {"end", r.end ? nlohmann::json(format_rfc3339(*r.end)) : nlohmann::json(nullptr)},
                        {"end_reason", r.end ? nlohmann::json(r.end_reason) : nlohmann::json(nullptr)},
                        {"peak", r.peak},
                        {"peak_level", r.peak_level},
                        {"levels", parse_or_null(r.levels_json)},
                        {"evidence", parse_or_null(r.evidence_json)}});
    }
    return {{"incidents", list}};
}

std::string history_text(const std::vector<HistoryRow>& rows) {
    if (rows.empty()) return "no incidents\n";
    TextTable table({{"ID", TextTable::Align::right},
                     {"TENANT"},
                     {"START (UTC)"},
                     {"END (UTC)"},
                     {"REASON"},
                     {"PEAK", TextTable::Align::right},
                     {"LEVELS"},
                     {"TOP SOURCE"}});
    for (const auto& r : rows) {
        table.add_row({std::to_string(r.id), r.tenant, short_time(r.start),
                       r.end ? short_time(*r.end) : "open", r.end ? r.end_reason : "-",
                       with_thousands(r.peak), level_path(parse_or_null(r.levels_json)),
                       top_source(parse_or_null(r.evidence_json))});
    }
    return table.render();
}

}  // namespace ctguard
