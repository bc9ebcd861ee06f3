#include "report/top_render.hpp"

#include <fmt/format.h>

#include "lib/json_text.hpp"
#include "lib/text.hpp"
#include "model/flow.hpp"
#include "report/text_table.hpp"

namespace ctguard {

nlohmann::json group_value_json(TopKey key, const GroupValues& v) {
    switch (key) {
        case TopKey::src:
            return to_string(v.src);
        case TopKey::dst:
            return to_string(v.dst);
        case TopKey::sport:
            return v.sport ? nlohmann::json(*v.sport) : nlohmann::json(nullptr);
        case TopKey::dport:
            return v.dport ? nlohmann::json(*v.dport) : nlohmann::json(nullptr);
        case TopKey::proto:
            return proto_name(v.proto) == "unknown" ? std::to_string(v.proto)
                                                    : std::string(proto_name(v.proto));
        case TopKey::state: {
            const char* s = state_name_by_id(v.state_id);
            return s ? nlohmann::json(s) : nlohmann::json(nullptr);
        }
        case TopKey::zone:
            return v.zone;
        case TopKey::mark:
            return v.mark;
        case TopKey::process:
            return v.process;
        case TopKey::netns:
            return v.netns;
    }
    return nullptr;
}

std::string group_value_text(TopKey key, const GroupValues& v) {
    switch (key) {
        case TopKey::mark:
            return fmt::format("{:#x}", v.mark);
        default: {
            auto j = group_value_json(key, v);
            if (j.is_null()) return "-";
            if (j.is_string()) return j.get<std::string>();
            return json_text(j);
        }
    }
}

nlohmann::json top_json(const TopResult& r) {
    nlohmann::json by = nlohmann::json::array();
    for (TopKey k : r.by) by.push_back(top_key_name(k));
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& row : r.rows) {
        nlohmann::json o = nlohmann::json::object();
        for (TopKey k : r.by) o[std::string(top_key_name(k))] = group_value_json(k, row.values);
        o["count"] = row.count;
        rows.push_back(std::move(o));
    }
    return {{"by", by}, {"total", r.total}, {"groups", r.groups}, {"other", r.other}, {"rows", rows}};
}

std::string top_text(const TopResult& r) {
    std::vector<TextTable::Column> cols;
    for (TopKey k : r.by) {
        bool numeric = k == TopKey::sport || k == TopKey::dport || k == TopKey::zone;
        cols.push_back(
            {to_upper(top_key_name(k)), numeric ? TextTable::Align::right : TextTable::Align::left});
    }
    cols.push_back({"ENTRIES", TextTable::Align::right});
    cols.push_back({"SHARE", TextTable::Align::right});
    TextTable table(cols);
    auto share = [&](uint64_t n) {
        return r.total == 0 ? std::string("-") : percent(double(n) / double(r.total));
    };
    for (const auto& row : r.rows) {
        std::vector<std::string> cells;
        for (TopKey k : r.by) cells.push_back(group_value_text(k, row.values));
        cells.push_back(with_thousands(row.count));
        cells.push_back(share(row.count));
        table.add_row(std::move(cells));
    }
    if (r.other > 0) {
        std::vector<std::string> cells(r.by.size(), "");
        cells[0] = "(other)";
        cells.push_back(with_thousands(r.other));
        cells.push_back(share(r.other));
        table.add_row(std::move(cells));
    }
    std::string out = table.render();
    out += fmt::format("{} in {}", count_of(r.total, "entry", "entries"), count_of(r.groups, "group"));
    if (r.other > 0) out += fmt::format(", largest {} shown", r.rows.size());
    out += '\n';
    return out;
}

}  // namespace ctguard
