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
        std::set<std::string> grouped;
        for (const auto& g : in.procs->rotating) {
            if (!g.suspicious) continue;
            out.push_back(
                {fmt::format("stop the rotating processes ({}), keep their binary as evidence and kill them",
                             first_names(g.names, 5)),
                 fmt::format("ctguard procs --kill {} --yes", shell_quote(g.id))});
            grouped.insert(g.id);
        }
        for (const auto& p : in.procs->processes) {
            if (!active_suspect(p) || grouped.count(p.group)) continue;
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
    out.push_back(
        {"change the password of root and of every account that can log in (the intruder may know them)",
         "passwd root"});
    out.push_back({"turn off SSH password logins so a guessed or stolen password is useless",
                   "ctguard harden ssh --apply"});
    if (in.traffic && in.traffic->outbound_half_open > 0) {
        out.push_back({"clear the half-open entries the malware left", "ctguard flush --state UNREPLIED"});
    }
}

void attack_steps(const RemediationInputs& in, std::vector<Step>& out) {
    out.push_back(
        {"cap connections per source so no single address can fill the table",
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
            {fmt::format("read the {} audit finding(s) with their fixes", in.audit->findings.size()),
             "ctguard audit"});
    }
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
    if (in.limit) {
        for (const auto& r : in.limit->recommendations) out.push_back(from_advice(r));
    }
    audit_steps(in, compromise, out);
    if (in.verdict.kind == VerdictKind::normal && in.level != Level::ok) {
        out.push_back({"see which sources and ports grow, live", "ctguard watch --interval 1"});
        out.push_back({"see who holds the entries", "ctguard top --by src,dport"});
    }
    return out;
}

}  // namespace ctguard
