#include "report/incident_json.hpp"

#include <cmath>
#include <numeric>

#include "lib/time_text.hpp"
#include "report/procs_render.hpp"
#include "report/top_render.hpp"

namespace ctguard {

namespace {

nlohmann::json rounded(std::optional<double> v) {
    if (!v) return nullptr;
    return std::round(*v * 1000.0) / 1000.0;
}

}  // namespace

nlohmann::json evidence_json(const Evidence& e) {
    nlohmann::json top = nlohmann::json::object();
    for (const auto& t : e.top) {
        if (t.by.size() == 1) top[std::string(top_key_name(t.by.front()))] = top_json(t);
    }
    nlohmann::json procs = nlohmann::json::array();
    if (e.processes) {
        std::vector<size_t> all(e.processes->processes.size());
        std::iota(all.begin(), all.end(), size_t{0});
        procs = procs_json(*e.processes, all)["processes"];
        for (auto& p : procs) {
            auto& cmdline = p["cmdline"];
            if (!cmdline.is_string() || cmdline.get_ref<const std::string&>().size() <= kEventCmdlineBytes)
                continue;
            cmdline = cmdline.get<std::string>().substr(0, kEventCmdlineBytes);
            p["cmdline_cut"] = true;
        }
    }
    nlohmann::json j = {{"at", format_rfc3339(e.at)},
                        {"level", level_name(e.level)},
                        {"count", e.count},
                        {"top", top},
                        {"processes", procs}};
    if (!e.error.empty()) j["error"] = e.error;
    return j;
}

nlohmann::json level_change_json(const LevelChange& c) {
    return {{"at", format_rfc3339(c.at)},
            {"level", level_name(c.level)},
            {"previous", level_name(c.previous)},
            {"count", c.count}};
}

nlohmann::json event_json(const LevelEvent& e) {
    auto ev = evidence_json(e.evidence);
    nlohmann::json j = {
        {"tenant", e.tenant},
        {"level", level_name(e.change.level)},
        {"previous", level_name(e.change.previous)},
        {"count", e.change.count},
        {"max", e.max},
        {"at", format_rfc3339(e.change.at)},
        {"thresholds",
         {{"warn", e.thresholds.warn}, {"cap", e.thresholds.cap}, {"suspend", e.thresholds.suspend}}},
        {"forecast",
         {{"growth_per_second", rounded(e.growth_per_second)},
          {"seconds_to_full", rounded(e.seconds_to_full)},
          {"seconds_to_suspend", rounded(e.seconds_to_suspend)}}},
        {"top", ev["top"]},
        {"processes", ev["processes"]},
    };
    if (!e.evidence.error.empty()) j["evidence_error"] = e.evidence.error;
    return j;
}

nlohmann::json incident_json(const Incident& i) {
    nlohmann::json levels = nlohmann::json::array();
    for (const auto& c : i.levels) levels.push_back(level_change_json(c));
    nlohmann::json evidence = nlohmann::json::array();
    for (const auto& e : i.evidence) evidence.push_back(evidence_json(e));
    return {{"tenant", i.tenant},
            {"start", format_rfc3339(i.start)},
            {"end", i.end ? nlohmann::json(format_rfc3339(*i.end)) : nlohmann::json(nullptr)},
            {"end_reason", i.end ? nlohmann::json(i.end_reason) : nlohmann::json(nullptr)},
            {"peak", i.peak},
            {"peak_level", level_name(i.peak_level)},
            {"levels", levels},
            {"evidence", evidence}};
}

}  // namespace ctguard
