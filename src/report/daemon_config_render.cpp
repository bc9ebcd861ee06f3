#include "report/daemon_config_render.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "lib/text.hpp"
#include "lib/time_text.hpp"
#include "report/text_table.hpp"

namespace ctguard {

namespace {

std::string source_text(const TenantSpec& t) {
    switch (t.kind) {
        case TenantKind::host:
            return "the daemon's own namespace";
        case TenantKind::netns:
            return fmt::format("netns {}", t.netns);
        case TenantKind::netns_glob:
            return fmt::format("every netns matching {}", t.netns);
        case TenantKind::netns_discover:
            return t.netns == "all" ? "every network namespace found" : "every container's network namespace";
        case TenantKind::zone:
            return fmt::format("zone {}", t.zone);
        case TenantKind::mark:
            return fmt::format("mark {:#x}/{:#x}", t.mark.value, t.mark.mask);
        case TenantKind::cidr: {
            std::string s = "cidr";
            for (const auto& c : t.cidrs) s += fmt::format(" {}", to_string(c));
            return s;
        }
    }
    return "";
}

}  // namespace

std::string config_summary_text(const DaemonConfig& c, const std::string& path) {
    std::string out = fmt::format("{}: valid\n", path);
    out += fmt::format(
        "interval {:g} s; top-N refresh {}; history {}; /metrics {}; socket {}\n", c.interval,
        c.top_interval > 0 ? fmt::format("every {:g} s", c.top_interval) : std::string("off"),
        c.db.empty() ? "off" : fmt::format("{} (retention {})", c.db, format_duration_short(c.retention)),
        c.listen.empty() ? "off" : fmt::format("on {}", c.listen), c.socket.empty() ? "off" : c.socket);
    TextTable tenants({{"TENANT"},
                       {"SOURCE"},
                       {"WARN", TextTable::Align::right},
                       {"CAP", TextTable::Align::right},
                       {"SUSPEND", TextTable::Align::right},
                       {"FOR", TextTable::Align::right}});
    for (const auto& t : c.tenants) {
        tenants.add_row({t.is_finder() ? fmt::format("{} (each)", t.finder()) : t.name,
                         source_text(t) + (t.live_table ? " (live table)" : ""), with_thousands(t.thresholds.warn), with_thousands(t.thresholds.cap),
                         with_thousands(t.thresholds.suspend), fmt::format("{:g} s", t.recover_after)});
    }
    out += tenants.render();
    if (c.actions.empty()) return out + "no actions\n";
    TextTable actions({{"ACTION"}, {"ON"}, {"TENANTS"}, {"TIMEOUT", TextTable::Align::right}});
    size_t i = 0;
    for (const auto& a : c.actions) {
        std::vector<std::string_view> on;
        for (Level l : a.on) on.push_back(trigger_name(l));
        std::string who = fmt::format("{}", fmt::join(a.tenants, ","));
        actions.add_row({fmt::format("{}: {}", ++i, a.describe()), fmt::format("{}", fmt::join(on, ",")),
                         who.empty() ? "all" : who, a.builtin() ? "-" : fmt::format("{:g} s", a.timeout)});
    }
    return out + actions.render();
}

}  // namespace ctguard
