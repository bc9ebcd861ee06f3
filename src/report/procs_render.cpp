#include "report/procs_render.hpp"

#include <fmt/format.h>

#include "lib/text.hpp"
#include "report/text_table.hpp"

namespace ctguard {

namespace {

nlohmann::json process_json(const ProcessReport& p, bool explain) {
    const ProcessInfo& i = p.info;
    nlohmann::json by_state = nlohmann::json::object();
    for (const auto& [state, n] : p.flows.by_state) by_state[state] = n;
    auto or_null = [](const std::string& s) {
        return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s);
    };
    nlohmann::json fired = nlohmann::json::array();
    for (const auto& sig : p.signals) {
        if (sig.fired) fired.push_back(sig.id);
    }
    nlohmann::json preloaded = nlohmann::json::array();
    for (const auto& lib : p.preloaded) {
        const auto owned = lib.package_owned ? nlohmann::json(*lib.package_owned) : nlohmann::json(nullptr);
        preloaded.push_back(
            {{"path", lib.path}, {"hooks", lib.hooks}, {"package", owned}, {"note", or_null(lib.note)}});
    }
    const auto cpu_cores = p.cpu && p.cpu->age > 0 ? nlohmann::json(std::round(p.cpu->cores() * 100) / 100)
                                                   : nlohmann::json(nullptr);
    nlohmann::json j = {{"pid", i.pid},
            {"ppid", i.ppid},
            {"comm", i.comm},
            {"names", p.names},
            {"exe", i.exe},
            {"exe_deleted", i.exe_deleted},
            {"cmdline", i.cmdline},
            {"uid", i.uid},
            {"start_time", i.start_time},
            {"sha256", or_null(p.sha256)},
            {"sha256_note", or_null(p.hash_note)},
            {"package", p.package_owned ? nlohmann::json(*p.package_owned) : nlohmann::json(nullptr)},
            {"package_name", or_null(p.package)},
            {"package_db", or_null(p.package_db)},
            {"upgraded", p.upgraded},
            {"unit", or_null(p.unit)},
            {"layout", or_null(p.layout)},
            {"container", i.own_root},
            {"preloaded", preloaded},
            {"cpu_cores", cpu_cores},
            {"flows", p.flows.flows},
            {"flows_by_state", by_state},
            {"unreplied", p.flows.unreplied},
            {"outbound", p.flows.outbound},
            {"destinations", p.flows.destinations.size()},
            {"raw_sockets", p.flows.raw_sockets},
            {"packet_sockets", p.flows.packet_sockets},
            {"name_score", std::round(p.name_score * 1000) / 1000},
            {"score", std::round(p.score * 100) / 100},
            {"suspicious", p.suspicious},
            {"reasons", p.reasons},
            {"signals", fired},
            {"rule", p.rule},
            {"allowed_by", or_null(p.allowed_by)},
            {"group", or_null(p.group)},
            {"exited", p.exited}};
    if (explain) {
        nlohmann::json all = nlohmann::json::array();
        for (const auto& sig : p.signals) {
            all.push_back({{"id", sig.id},
                           {"strength", signal_strength_name(sig.strength)},
                           {"weight", sig.weight},
                           {"fired", sig.fired},
                           {"reason", sig.reason}});
        }
        j["explain"] = all;
    }
    return j;
}

// procs --explain: one process's every signal, then the rule.
std::string explain_text(const ProcessReport& p) {
    const ProcessInfo& i = p.info;
    std::string out = fmt::format("\npid {} ({}) {}\n", i.pid, printable(i.comm),
                                  i.exe.empty() ? "-" : printable(i.exe) + (i.exe_deleted ? " (deleted)" : ""));
    std::string package = p.package_owned == true    ? p.package + " (" + p.package_db + ")"
                          : p.package_owned == false ? "none (" + p.package_db + ")"
                                                     : "unknown (no database)";
    out += fmt::format("  package {}; systemd unit {}; layout {}; container {}\n", printable(package),
                       p.unit.empty() ? "-" : printable(p.unit), p.layout.empty() ? "-" : p.layout,
                       i.own_root ? "yes" : "no");
    if (!p.allowed_by.empty()) out += "  allowed by " + printable(p.allowed_by) + "\n";
    TextTable table({{"SIGNAL", TextTable::Align::left},
                     {"STRENGTH", TextTable::Align::left},
                     {"WEIGHT", TextTable::Align::right},
                     {"FIRED", TextTable::Align::left},
                     {"WHY / WHAT IT LOOKS FOR", TextTable::Align::left}});
    for (const auto& sig : p.signals) {
        table.add_row({sig.id, std::string(signal_strength_name(sig.strength)), fmt::format("{:.2f}", sig.weight),
                       sig.fired ? "yes" : "no", sig.reason});
    }
    out += table.render();
    out += fmt::format("score {:.2f}; rule: {}\n", p.score, printable(p.rule));
    return out;
}

std::string percent_of(uint64_t n, uint64_t total) {
    return total == 0 ? "-" : percent(double(n) / double(total));
}

}  // namespace

std::string_view signal_strength_name(SignalStrength s) {
    switch (s) {
        case SignalStrength::strong:
            return "strong";
        case SignalStrength::medium:
            return "medium";
        case SignalStrength::weak:
            return "weak";
    }
    return "weak";
}

nlohmann::json procs_json(const ProcsReport& r, const std::vector<size_t>& shown, bool explain) {
    nlohmann::json processes = nlohmann::json::array();
    for (size_t i : shown) processes.push_back(process_json(r.processes[i], explain));
    nlohmann::json rotating = nlohmann::json::array();
    for (const auto& g : r.rotating) {
        rotating.push_back({{"id", g.id},
                            {"exe", g.exe},
                            {"sha256", g.sha256.empty() ? nlohmann::json(nullptr) : nlohmann::json(g.sha256)},
                            {"names", g.names},
                            {"pids", g.pids},
                            {"respawns", g.respawns},
                            {"evidence", g.evidence},
                            {"suspicious", g.suspicious},
                            {"reasons", g.reasons}});
    }
    nlohmann::json raw = nlohmann::json::array();
    for (const auto& p : r.processes) {
        if (p.flows.raw_sockets + p.flows.packet_sockets == 0 || p.exited) continue;
        raw.push_back({{"pid", p.info.pid},
                       {"comm", p.info.comm},
                       {"raw", p.flows.raw_sockets},
                       {"packet", p.flows.packet_sockets}});
    }
    nlohmann::json j = {{"processes", processes},
                        {"rotating", rotating},
                        {"raw_socket_holders", raw},
                        {"flows",
                         {{"total", r.totals.total},
                          {"attributed", r.totals.attributed},
                          {"forwarded", r.totals.forwarded},
                          {"no_socket", r.totals.no_socket}}},
                        {"conntrack", r.have_table},
                        {"sockets", r.socket_source}};
    if (!r.events_source.empty()) {
        j["watch"] = {{"seconds", std::round(r.watched_seconds * 10) / 10},
                      {"events", r.events_source},
                      {"seen", r.processes.size()},
                      {"overruns", r.overruns},
                      {"interrupted", r.interrupted}};
    }
    return j;
}

std::string procs_text(const ProcsReport& r, const std::vector<size_t>& shown, bool explain) {
    TextTable table({{"PID", TextTable::Align::right},
                     {"COMM", TextTable::Align::left},
                     {"FLOWS", TextTable::Align::right},
                     {"DESTS", TextTable::Align::right},
                     {"SCORE", TextTable::Align::right},
                     {"", TextTable::Align::left},
                     {"EXE / REASONS", TextTable::Align::left}});
    for (size_t i : shown) {
        const auto& p = r.processes[i];
        std::string exe = p.info.exe.empty() ? "-" : p.info.exe + (p.info.exe_deleted ? " (deleted)" : "");
        std::vector<std::string> why = p.reasons;
        if (!p.allowed_by.empty()) why.insert(why.begin(), "allowed by " + p.allowed_by);
        std::string text = why.empty() ? exe : exe + ": " + join(why, "; ");
        table.add_row({std::to_string(p.info.pid), p.info.comm + (p.exited ? " (exited)" : ""),
                       with_thousands(p.flows.flows), with_thousands(p.flows.destinations.size()),
                       fmt::format("{:.2f}", p.score), p.suspicious ? "SUSPICIOUS" : "", text});
    }
    std::string out = table.render();
    if (explain) {
        for (size_t i : shown) out += explain_text(r.processes[i]);
    }
    if (!r.rotating.empty()) {
        out += "\nrotating groups (processes replacing each other under new names):\n";
        for (const auto& g : r.rotating) {
            out += fmt::format("  {}  {}{}  pids {}\n", g.id, printable(g.exe),
                               g.suspicious ? "  SUSPICIOUS" : "", fmt::join(g.pids, ","));
            for (const auto& why : g.reasons) out += "    - " + printable(why) + "\n";
        }
    }
    std::string raw;
    for (const auto& p : r.processes) {
        if (p.flows.raw_sockets + p.flows.packet_sockets == 0 || p.exited) continue;
        raw += fmt::format("  {}[{}]: {} raw, {} packet\n", printable(p.info.comm), p.info.pid,
                           p.flows.raw_sockets, p.flows.packet_sockets);
    }
    if (!raw.empty())
        out += "\nraw-socket holders (can send packets that bypass sockets, e.g. SYN floods):\n" + raw;
    const auto& t = r.totals;
    if (r.have_table) {
        out += fmt::format(
            "\n{} entries: {} from processes ({}), {} forwarded, {} without a socket (sockets: {})\n",
            with_thousands(t.total), with_thousands(t.attributed), percent_of(t.attributed, t.total),
            with_thousands(t.forwarded), with_thousands(t.no_socket), r.socket_source);
    }
    if (!r.events_source.empty()) {
        out += fmt::format("watched {:.1f} s through {}{}: {} seen\n", r.watched_seconds, r.events_source,
                           r.interrupted ? " (interrupted)" : "", count_of(r.processes.size(), "process instance"));
    }
    return out;
}

nlohmann::json kill_json(const KillSummary& k) {
    nlohmann::json refs = nlohmann::json::array();
    for (const auto& [file, what] : k.references) refs.push_back({{"file", file}, {"mentions", what}});
    return {{"group", k.group},
            {"names", k.names},
            {"stopped", k.stopped},
            {"killed", k.killed},
            {"skipped", k.skipped},
            {"sha256", k.sha256},
            {"evidence",
             {{"dir", k.evidence_dir},
              {"files", k.evidence_files},
              {"kept", k.evidence_problems.empty()},
              {"notes", k.evidence_notes},
              {"problems", k.evidence_problems}}},
            {"persistence", {{"places", k.places}, {"references", refs}}}};
}

std::string kill_text(const KillSummary& k) {
    std::string out = fmt::format("group {} ({})\n", k.group, printable(join(k.names, ", ")));
    out += fmt::format("stopped (SIGSTOP) {} process(es): {}\n", k.stopped.size(), fmt::join(k.stopped, " "));
    for (const auto& why : k.skipped) out += printable(why) + "\n";
    out += fmt::format("evidence in {}:\n", printable(k.evidence_dir));
    for (const auto& f : k.evidence_files) out += "  " + printable(f) + "\n";
    for (const auto& n : k.evidence_notes) out += "  note: " + printable(n) + "\n";
    for (const auto& p : k.evidence_problems) out += "  NOT KEPT: " + printable(p) + "\n";
    out += fmt::format("killed (SIGKILL) {} process(es): {}\n", k.killed.size(), fmt::join(k.killed, " "));
    out += "\nit may come back: check where programs start from\n";
    for (const auto& p : k.places) out += "  " + printable(p) + "\n";
    if (k.references.empty()) {
        out += "none of these files mentions its binaries or names\n";
    } else {
        out += "files that mention it:\n";
        for (const auto& [file, what] : k.references)
            out += "  " + printable(file) + " mentions " + printable(what) + "\n";
    }
    return out;
}

}  // namespace ctguard
