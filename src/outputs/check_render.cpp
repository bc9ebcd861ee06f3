#include "outputs/check_render.hpp"

#include <fmt/format.h>

#include "lib/text.hpp"
#include "outputs/text_table.hpp"
#include "outputs/top_render.hpp"

namespace ctguard {

namespace {

std::string level_sentence(const StatusReport& s) {
    const auto& t = s.thresholds;
    switch (s.level) {
        case Level::ok:
            return fmt::format("ok: below the warning line ({})", with_thousands(t.warn));
        case Level::elevated:
            return fmt::format("elevated: above the warning line ({}); normal hosts stay below it", with_thousands(t.warn));
        case Level::capped:
            return fmt::format("capped: the table sits at nf_conntrack_max ({}); new connections are being dropped",
                               with_thousands(s.table.max));
        case Level::critical:
            return fmt::format("critical: above the provider's suspension line ({})", with_thousands(t.suspend));
    }
    return "";
}

}  // namespace

nlohmann::json check_json(const CheckReport& r) {
    return {{"level", level_name(r.status.level)},
            {"status", status_json(r.status)},
            {"top", {{"src", top_json(r.top_src)}, {"dport", top_json(r.top_dport)}}}};
}

std::string check_text(const CheckReport& r) {
    const TableStats& t = r.status.table;
    std::string out;
    out += fmt::format("ctguard check: {}\n\n", to_upper(level_name(r.status.level)));
    out += fmt::format("  table   {} of {} entries  {}  {}\n", with_thousands(t.count), with_thousands(t.max),
                       usage_bar(t.usage(), 20), percent(t.usage()));
    out += fmt::format("  level   {}\n\n", level_sentence(r.status));
    if (r.top_src.total > 0) {
        out += "Top sources\n" + top_text(r.top_src) + "\n";
        out += "Top destination ports\n" + top_text(r.top_dport);
    }
    return out;
}

}  // namespace ctguard
