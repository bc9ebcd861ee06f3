#include "report/status_render.hpp"

#include <fmt/format.h>

#include <cmath>

#include "lib/text.hpp"
#include "report/drops_render.hpp"
#include "report/text_table.hpp"

namespace ctguard {

double rounded_usage(double usage) {
    return std::round(usage * 10000.0) / 10000.0;
}

nlohmann::json status_json(const StatusReport& r) {
    const TableStats& t = r.table;
    nlohmann::json j = {
        {"count", t.count},
        {"max", t.max},
        {"usage", rounded_usage(t.usage())},
        {"buckets", t.buckets},
        {"level", level_name(r.level)},
        {"thresholds",
         {{"warn", r.thresholds.warn}, {"cap", r.thresholds.cap}, {"suspend", r.thresholds.suspend}}},
        {"source", source_name(t.source)},
    };
    if (t.have_stats) {
        const CpuStats& s = t.stats;
        j["stats"] = {{"found", s.found},
                      {"invalid", s.invalid},
                      {"insert", s.insert},
                      {"insert_failed", s.insert_failed},
                      {"drop", s.drop},
                      {"early_drop", s.early_drop},
                      {"error", s.error},
                      {"search_restart", s.search_restart},
                      {"clash_resolve", s.clash_resolve},
                      {"chain_toolong", s.chain_toolong},
                      {"cpus", s.cpus}};
    } else {
        j["stats"] = nullptr;
    }
    if (r.drops) j["drops"] = drops_json(*r.drops);
    return j;
}

std::string fill_line(const StatusReport& r) {
    const TableStats& t = r.table;
    const bool cap_first = t.max > 0 && t.max <= r.thresholds.suspend;
    const uint64_t line = cap_first ? t.max : r.thresholds.suspend;
    const double fraction = line == 0 ? 0 : static_cast<double>(t.count) / static_cast<double>(line);
    std::string out = fmt::format("{} of {} ({})  {}  ", with_thousands(t.count), with_thousands(line),
                                  percent(fraction), usage_bar(fraction, 20));
    if (cap_first) return out + "nf_conntrack_max, the table's cap (below the provider's suspension line)";
    return out + fmt::format("the provider's suspension line; nf_conntrack_max {}", with_thousands(t.max));
}

std::string status_text(const StatusReport& r, size_t width) {
    const TableStats& t = r.table;
    std::string out;
    out += fmt::format("entries   {}\n", fill_line(r));
    if (t.buckets > 0) {
        out += fmt::format("buckets   {}  ({:.2f} entries per bucket)\n", with_thousands(t.buckets),
                           static_cast<double>(t.count) / static_cast<double>(t.buckets));
    }
    out += fmt::format("level     {}  (warn {} · cap {} · suspend {})\n", level_name(r.level),
                       with_thousands(r.thresholds.warn), with_thousands(r.thresholds.cap),
                       with_thousands(r.thresholds.suspend));
    if (t.have_stats) {
        const CpuStats& s = t.stats;
        out += fmt::format(
            "per-CPU   insert_failed {}  drop {}  early_drop {}  invalid {}  error {}  search_restart {}  "
            "found {}"
            "  ({} CPUs)\n",
            with_thousands(s.insert_failed), with_thousands(s.drop), with_thousands(s.early_drop),
            with_thousands(s.invalid), with_thousands(s.error), with_thousands(s.search_restart),
            with_thousands(s.found), s.cpus);
    } else {
        out += "per-CPU   unavailable\n";
    }
    if (r.drops) out += drops_text(*r.drops, "drops     ", "guest     ", width);
    out += fmt::format("source    {}\n", source_name(t.source));
    return out;
}

}  // namespace ctguard
