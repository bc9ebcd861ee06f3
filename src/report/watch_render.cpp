#include "report/watch_render.hpp"

#include <fmt/format.h>

#include <cmath>
#include <ctime>

#include "lib/text.hpp"

namespace ctguard {

nlohmann::json watch_json(const WatchLine& w) {
    nlohmann::json movers = nlohmann::json::array();
    for (const auto& row : w.movers.rows)
        movers.push_back({{"src", to_string(row.values.src)}, {"new", row.count}});
    return {{"ts", std::round(w.ts * 1000.0) / 1000.0},
            {"interval", w.interval},
            {"new", w.created},
            {"destroy", w.destroyed},
            {"count", w.count},
            {"overruns", w.overruns},
            {"top_new_src", movers}};
}

std::string watch_text(const WatchLine& w) {
    time_t secs = static_cast<time_t>(w.ts);
    struct tm tm {};
    localtime_r(&secs, &tm);
    char clock[16];
    std::strftime(clock, sizeof clock, "%H:%M:%S", &tm);
    auto rate = [&](uint64_t n) {
        return with_thousands(static_cast<uint64_t>(std::llround(double(n) / w.interval)));
    };
    std::string out = fmt::format("{}  new {:>9}/s  destroy {:>9}/s  entries {:>9}", clock, rate(w.created),
                                  rate(w.destroyed), with_thousands(w.count));
    if (!w.movers.rows.empty()) {
        // "most new from 198.18.0.5 (1,234), 198.18.0.6 (900)": each source with its count.
        out += "  most new from " + join(w.movers.rows, ", ", [](const TopRow& row) {
                   return fmt::format("{} ({})", to_string(row.values.src), with_thousands(row.count));
               });
    }
    if (w.overruns > 0) out += fmt::format("  [{}: events lost, entries exact]", count_of(w.overruns, "overrun"));
    out += '\n';
    return out;
}

}  // namespace ctguard
