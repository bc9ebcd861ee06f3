#include "analysis/remediation.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "lib/text.hpp"

namespace ctguard {

bool active_suspect(const ProcessReport& p) {
    return p.suspicious && !p.exited &&
           (p.flows.flows > 0 || p.flows.raw_sockets > 0 || p.flows.packet_sockets > 0);
}

namespace {

// "a, b, c and 4 more": the first `most` names.
std::string first_names(const std::vector<std::string>& items, size_t most) {
    if (items.size() <= most) return join(items, ", ");
    return join(std::vector(items.begin(), items.begin() + static_cast<ptrdiff_t>(most)), ", ") +
           fmt::format(" and {} more", items.size() - most);
}

// The destination ports that carry most entries (up to three), for a cap that spares the rest.
std::string flooded_ports(const std::optional<TopResult>& top) {
    if (!top || top->total == 0) return "";
    std::string ports;
    uint64_t covered = 0;
    for (size_t i = 0; i < top->rows.size() && i < 3; ++i) {
        const auto& row = top->rows[i];
        if (!row.values.dport) break;
        if (!ports.empty()) ports += ',';
        ports += std::to_string(*row.values.dport);
        covered += row.count;
        if (covered * 10 >= top->total * 8) break;
    }
    return ports.empty() ? "" : " --ports " + ports;
}

void compromise_steps(const RemediationInputs& in, std::vector<Step>& out) {
    if (in.procs) {
        // Groups `procs --kill` can find again in one look; members of the others are stopped by PID.
        std::set<std::string> grouped, killable;
        for (const auto& g : in.procs->rotating) {
            if (g.one_binary) killable.insert(g.id);
            if (!g.suspicious || !g.one_binary) continue;
            out.push_back(
                {fmt::format("stop the rotating processes ({}), keep their binary as evidence and kill them",
                             first_names(g.names, 5)),
                 fmt::format("ctguard procs --kill {} --yes", shell_quote(g.id))});
            grouped.insert(g.id);
        }
        for (const auto& p : in.procs->processes) {
            if (!active_suspect(p) || grouped.count(p.group)) continue;
            if (killable.count(p.group)) {
                // Its PID will be gone in seconds; --kill follows the group to whichever member is alive.
                out.push_back({fmt::format("stop the processes of group {} ({} and the names that replace it), "
                                           "keep their binary and kill them",
                                           p.group, p.info.comm),
                               fmt::format("ctguard procs --kill {} --yes", shell_quote(p.group))});
                grouped.insert(p.group);
                continue;
            }
            out.push_back(
                {fmt::format("stop {}[{}] ({}), keep its binary and kill it", p.info.comm, p.info.pid,
                             p.info.exe.empty() ? "no binary" : p.info.exe),
                 // Every word quoted: what is pasted must run these three commands and nothing else.
                 fmt::format("kill -STOP {0} && cp {1} {2} && kill -KILL {0}",
                             shell_quote(std::to_string(p.info.pid)),
                             shell_quote(fmt::format("/proc/{}/exe", p.info.pid)),
                             shell_quote(fmt::format("/root/ctguard-evidence-{}", p.info.pid)))});
        }
    }
    if (in.audit) {
        for (const auto& f : in.audit->findings) {
            if (f.severity == Severity::high && !f.fix.empty() && !f.id.starts_with("ssh.") &&
                !f.id.starts_with("account.")) {
                out.push_back({fmt::format("remove what the intruder left in {}{}: {}", f.file,
                                           f.line ? fmt::format(":{}", f.line) : "", f.fix),
                               ""});
            }
        }
    }
    // Only a usable root password is worth changing: `passwd root` on a locked root would create one.
    const bool root_password = in.audit && std::any_of(in.audit->findings.begin(), in.audit->findings.end(),
                                                       [](const Finding& f) { return f.id == "account.root_password"; });
    if (root_password) {
        out.push_back({"change root's password (the intruder may know it), and those of other accounts that "
                       "log in with one",
                       "passwd root"});
    } else {
        out.push_back({"change the passwords of accounts that log in with one (the intruder may know them); "
                       "root has no usable password, so leave it locked",
                       ""});
    }
    out.push_back({"turn off SSH password logins so a guessed or stolen password is useless",
                   "ctguard harden ssh --apply"});
    if (in.traffic && in.traffic->outbound_half_open > 0 && in.traffic->unreplied > 0) {
        out.push_back({fmt::format("clear the {} never-answered entries the malware left",
                                   with_thousands(in.traffic->unreplied)),
                       "ctguard flush --state UNREPLIED"});
    }
}

void attack_steps(const RemediationInputs& in, std::vector<Step>& out) {
    // First: against forged sources (the usual flood) only the shield helps; a per-source cap never
    // triggers and a flush is refilled in a second.
    const uint64_t half_open = in.traffic ? in.traffic->syn_recv : 0;
    out.push_back(
        {fmt::format("put up the shield: SYNPROXY answers SYNs to this host's listening TCP ports with "
                     "syncookies, so a forged source never gets an entry{}; DNS on udp 53 goes untracked "
                     "and unanswered connections expire in seconds ('ctguard shield' shows the plan, "
                     "--remove takes it back)",
                     half_open > 0 ? fmt::format(" (as the {} half-open ones now did)", with_thousands(half_open))
                                   : ""),
         "ctguard shield --apply"});
    out.push_back(
        {"for floods from real addresses, cap connections per source so no single address can fill the table",
         fmt::format("ctguard cap --per-source {}{} --persist", kPerSourceCap, flooded_ports(in.top_dport))});
    if (!in.traffic) return;
    if (in.traffic->syn_recv > 0) {
        out.push_back(
            {fmt::format("drop the {} half-open SYN_RECV entries now", with_thousands(in.traffic->syn_recv)),
             "ctguard flush --state SYN_RECV"});
    }
    if (in.traffic->unreplied > 0) {
        out.push_back(
            {fmt::format("drop the {} never-answered entries now", with_thousands(in.traffic->unreplied)),
             "ctguard flush --state UNREPLIED"});
    }
}

void audit_steps(const RemediationInputs& in, bool compromise, std::vector<Step>& out) {
    if (!in.audit) return;
    bool ssh_passwords = false;
    size_t high = 0, others = 0;
    for (const auto& f : in.audit->findings) {
        if (f.id == "ssh.password_auth" || f.id == "ssh.kbd_interactive") ssh_passwords = true;
        if (compromise) continue;  // already covered above
        if (f.severity == Severity::high && !f.id.starts_with("ssh.") && high < 3 && !f.fix.empty()) {
            out.push_back({fmt::format("{} {}", f.message, f.fix), ""});
            ++high;
        } else {
            ++others;
        }
    }
    if (ssh_passwords && !compromise) {
        out.push_back({"turn off SSH password logins (the usual way in for the botnets that fill tables)",
                       "ctguard harden ssh --apply"});
    }
    if (others > 0 || high > 0) {
        out.push_back(
            {fmt::format("read the {} with their fixes", count_of(in.audit->findings.size(), "audit finding")),
             "ctguard audit"});
    }
}

// A namespace's table fills on its own (a container drops its own connections): check inside it.
void namespace_steps(const std::vector<NamespaceTable>& namespaces, std::vector<Step>& out) {
    for (const auto& ns : namespaces) {
        if (!ns.stats || ns.level == Level::ok) continue;
        out.push_back({fmt::format("look inside namespace {}: its own table holds {} entries ({})", ns.ns.name,
                                   with_thousands(ns.stats->count), level_name(ns.level)),
                       fmt::format("ctguard --netns {} check", shell_quote(ns.ns.arg))});
    }
}

// Where nothing is wrong but the table is full: look where most entries come from.
void source_steps(const RemediationInputs& in, std::vector<Step>& out) {
    if (in.sources.empty()) {
        out.push_back({"see who holds the entries", "ctguard top --by src,dport"});
        return;
    }
    const FillSource& s = in.sources.front();
    const std::string top = s.top.empty() ? "" : s.top.front().key;
    switch (s.kind) {
        case FillKind::forwarded:
            if (!top.empty()) {
                out.push_back({fmt::format("look at the entries of {}, the host behind this one that opens most of "
                                           "the forwarded ones (a container here: run check inside it with --netns)",
                                           top),
                               fmt::format("ctguard list --src {} --limit 20", shell_quote(top))});
            }
            out.push_back({"see every host behind this one and where it connects", "ctguard top --by src,dst"});
            return;
        case FillKind::inbound: {
            auto slash = top.find('/');
            if (slash == std::string::npos) break;
            out.push_back({fmt::format("see who connects to {}", top),
                           fmt::format("ctguard top --by src --dport {} --proto {}", top.substr(0, slash),
                                       top.substr(slash + 1))});
            return;
        }
        case FillKind::outbound:
            out.push_back({"see which processes open them", "ctguard top --by process"});
            return;
        case FillKind::local:
            break;
    }
    out.push_back({"see who holds the entries", "ctguard top --by src,dport"});
}

// limit's advice reads "sentence: ctguard ...".
Step from_advice(const std::string& advice) {
    auto at = advice.rfind(": ctguard ");
    if (at == std::string::npos) return {advice, ""};
    return {advice.substr(0, at), advice.substr(at + 2)};
}

}  // namespace

std::vector<Step> plan_remediation(const RemediationInputs& in) {
    std::vector<Step> out;
    const bool compromise = in.verdict.kind == VerdictKind::compromise;
    if (compromise) compromise_steps(in, out);
    if (in.verdict.kind == VerdictKind::attack) attack_steps(in, out);
    if (in.namespaces) namespace_steps(*in.namespaces, out);
    if (in.limit) {
        for (const auto& r : in.limit->recommendations) out.push_back(from_advice(r));
    }
    audit_steps(in, compromise, out);
    if (in.verdict.kind == VerdictKind::normal && in.level != Level::ok) {
        source_steps(in, out);
        out.push_back({"see which sources and ports grow, live", "ctguard watch --interval 1"});
    }
    return out;
}

void scope_steps(std::vector<Step>& steps, const std::string& global_options) {
    if (global_options.empty()) return;
    for (auto& step : steps) {
        if (step.command.starts_with("ctguard ")) step.command.insert(8, global_options + " ");
    }
}

}  // namespace ctguard
