#include "report/check_render.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "lib/text.hpp"
#include "report/audit_render.hpp"
#include "report/limit_render.hpp"
#include "report/live_render.hpp"
#include "report/namespaces_render.hpp"
#include "report/procs_render.hpp"
#include "report/status_render.hpp"
#include "report/drops_render.hpp"
#include "report/text_table.hpp"
#include "report/top_render.hpp"

namespace ctguard {

namespace {

enum class Tone { good, warn, bad };

Tone tone_of(const CheckReport& r) {
    int code = r.exit_code;
    return code == 0 ? Tone::good : code == 1 ? Tone::warn : Tone::bad;
}

std::string paint(const std::string& s, Tone t, bool colour) {
    if (!colour) return s;
    const char* c = t == Tone::good ? "\033[1;32m" : t == Tone::warn ? "\033[1;33m" : "\033[1;31m";
    return fmt::format("{}{}\033[0m", c, s);
}

std::string level_sentence(const StatusReport& s) {
    const auto& t = s.thresholds;
    switch (s.level) {
        case Level::ok:
            return fmt::format("below the warning line ({})", with_thousands(t.warn));
        case Level::elevated:
            return fmt::format("above the warning line ({}); normal hosts stay below it",
                               with_thousands(t.warn));
        case Level::capped:
            return fmt::format("pinned at nf_conntrack_max ({}): new connections are being dropped",
                               with_thousands(s.table.max));
        case Level::critical:
            return fmt::format("above the provider's suspension line ({})", with_thousands(t.suspend));
    }
    return "";
}

std::string section(const std::string& title, const std::string& body) {
    if (body.empty()) return "";
    std::string out = fmt::format("\n{}\n", title);
    for (auto line : split(body, '\n')) {
        if (!line.empty()) out += fmt::format("  {}\n", line);
    }
    return out;
}

// "97% forwarded through this host (routed, NAT, containers): 172.17.0.2 80%, 172.17.0.3 10%"
std::string source_text(const FillSource& s, uint64_t total) {
    static constexpr const char* kWhat[] = {
        "forwarded through this host (routed, NAT, containers), from",
        "inbound to this host's services:",
        "outbound from this host, by process:",
        "local (both ends on this host)",
    };
    std::string out = fmt::format("{:>4} {} {}", share_percent(s.count, total), with_thousands(s.count), kWhat[static_cast<int>(s.kind)]);
    for (size_t i = 0; i < s.top.size(); ++i)
        out += fmt::format("{} {} {}", i == 0 ? "" : ",", printable(s.top[i].key), share_percent(s.top[i].count, total));
    return out;
}

nlohmann::json remediation_texts(const std::vector<Step>& steps) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& s : steps) out.push_back(s.text());
    return out;
}

nlohmann::json remediation_steps(const std::vector<Step>& steps) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& s : steps) {
        out.push_back({{"what", s.what},
                       {"command", s.command.empty() ? nlohmann::json(nullptr) : nlohmann::json(s.command)}});
    }
    return out;
}

// Suspicious processes that are not on the network now: named in one line, `procs` has the rest.
std::string quiet_suspects(const ProcsReport& p, const std::vector<size_t>& shown) {
    std::vector<std::string> names;
    for (size_t i = 0; i < p.processes.size(); ++i) {
        const auto& proc = p.processes[i];
        if (proc.suspicious && std::find(shown.begin(), shown.end(), i) == shown.end()) {
            names.push_back(fmt::format("{}[{}]", proc.info.comm, proc.info.pid));
        }
    }
    if (names.empty()) return "";
    return "\n" +
           word_wrap(
               fmt::format("{} with no connections now: {} (see ctguard procs)",
                           count_of(names.size(), "more suspicious process", "more suspicious processes"),
                           fmt::join(names, ", ")),
               "", "  ");
}

}  // namespace

nlohmann::json check_json(const CheckReport& r) {
    nlohmann::json j = {{"level", level_name(r.level)},
                        {"verdict", verdict_name(r.verdict.kind)},
                        {"reasons", r.verdict.reasons},
                        {"status", r.have_table ? status_json(r.status) : nlohmann::json(nullptr)},
                        {"remediation", remediation_texts(r.remediation)},
                        {"unseen", r.unseen}};
    nlohmann::json top = nlohmann::json::object();
    if (r.top_src) top["src"] = top_json(*r.top_src);
    if (r.top_dport) top["dport"] = top_json(*r.top_dport);
    if (r.top_state) top["state"] = top_json(*r.top_state);
    j["top"] = top;
    if (r.traffic) {
        const TrafficShape& t = *r.traffic;
        j["traffic"] = {{"total", t.total},
                        {"inbound", t.inbound},
                        {"outbound", t.outbound},
                        {"forwarded", t.forwarded},
                        {"internal", t.internal},
                        {"inbound_half_open", t.inbound_half_open},
                        {"outbound_half_open", t.outbound_half_open},
                        {"inbound_sources", t.inbound_sources},
                        {"outbound_destinations", t.outbound_destinations},
                        {"syn_recv", t.syn_recv},
                        {"unreplied", t.unreplied}};
    } else {
        j["traffic"] = nullptr;
    }
    // Where top, traffic and the processes' flows came from.
    j["entries_source"] = r.live ? "daemon" : "kernel";
    j["resynced_ago"] = r.live ? nlohmann::json(r.live->ago_s) : nlohmann::json(nullptr);
    j["namespaces"] = namespaces_json(r.namespaces);
    j["sources"] = nlohmann::json::array();
    for (const auto& src : r.sources) {
        nlohmann::json top = nlohmann::json::array();
        for (const auto& t : src.top) top.push_back({{"key", t.key}, {"count", t.count}});
        j["sources"].push_back({{"kind", fill_kind_name(src.kind)}, {"count", src.count}, {"top", top}});
    }
    j["suspicious"] = nlohmann::json::array();
    j["rotating"] = nlohmann::json::array();
    if (r.procs) {
        auto p = procs_json(*r.procs, r.suspects);
        j["suspicious"] = p["processes"];
        j["rotating"] = p["rotating"];
    }
    j["audit"] = nlohmann::json::array();
    if (r.audit) {
        for (const auto& f : r.audit->findings) j["audit"].push_back(finding_json(f));
    }
    j["steps"] = remediation_steps(r.remediation);
    j["limit"] = r.limit ? limit_json(*r.limit) : nlohmann::json(nullptr);
    return j;
}

std::string check_text(const CheckReport& r, bool colour, size_t width) {
    const Tone tone = tone_of(r);
    std::string out;
    std::string headline =
        r.table_unknown ? "ctguard check: UNKNOWN" : fmt::format("ctguard check: {}", to_upper(level_name(r.level)));
    if (r.verdict.kind != VerdictKind::normal)
        headline += fmt::format(" - {}", to_upper(verdict_name(r.verdict.kind)));
    out += paint(headline, tone, colour) + "\n";
    if (r.have_table) {
        out += word_wrap(fill_line(r.status), "  table   ", "            ", width);
        out += fmt::format("  level   {}\n", level_sentence(r.status));
    } else if (r.table_unknown) {
        out += "  table   not looked at (see below)\n";
    } else {
        out += "  table   none: nf_conntrack is not loaded, so there is no table to overflow\n";
    }
    const uint64_t total = r.traffic ? r.traffic->total : 0;
    for (size_t i = 0; i < r.sources.size(); ++i)
        out += word_wrap(source_text(r.sources[i], total), i == 0 ? "  from    " : "          ", "            ", width);
    for (size_t i = 0; i < r.verdict.reasons.size(); ++i)
        out += word_wrap(r.verdict.reasons[i], i == 0 ? "  why     " : "          ", "            ", width);
    if (r.status.drops) out += drops_text(*r.status.drops, "  drops   ", "  guest   ", width);

    if (r.table_unknown) {
        out += "\nNothing could be judged: the table was not looked at.\n";
    } else if (r.remediation.empty()) {
        out += "\nNothing to do: the table is healthy and nothing suspicious was found.\n";
    } else {
        out += fmt::format("\n{}\n", paint("What to do now", tone, colour));
        for (size_t i = 0; i < r.remediation.size(); ++i) {
            const Step& step = r.remediation[i];
            out += word_wrap(step.what, fmt::format("  {:>2}. ", i + 1), "      ", width);
            // The command on its own line, ready to copy.
            if (!step.command.empty()) out += fmt::format("        $ {}\n", printable(step.command));
        }
    }

    if (r.procs) {
        auto suspects = r.suspects;
        if (!suspects.empty()) out += section("Suspicious processes", procs_text(*r.procs, suspects));
        out += quiet_suspects(*r.procs, suspects);
        auto holders = r.holders;
        if (!holders.empty())
            out += section("Processes holding the most entries", procs_text(*r.procs, holders));
    }
    std::vector<NamespaceTable> hot;
    for (const auto& ns : r.namespaces) {
        if (ns.level != Level::ok) hot.push_back(ns);
    }
    if (!hot.empty()) out += section("Namespaces at or above the warning line", namespaces_text(hot, {}));
    if (r.top_src && r.top_src->total > 0) {
        out += section("Top sources", top_text(*r.top_src));
        out += section("Top destination ports", top_text(*r.top_dport));
        out += section("States", top_text(*r.top_state));
    }
    if (r.audit && !r.audit->findings.empty()) {
        std::string body;
        for (const auto& f : r.audit->findings) body += finding_text(f, width);
        out += section(fmt::format("Audit: {}", count_of(r.audit->findings.size(), "finding")), body);
    }
    if (!r.unseen.empty()) {
        std::string body;
        for (const auto& u : r.unseen) body += word_wrap(u, "- ", "  ", width == SIZE_MAX ? width : width - 2);
        out += section("Not looked at", body);
    }
    if (r.live) out += "\n" + live_footer(*r.live);
    return out;
}

}  // namespace ctguard
