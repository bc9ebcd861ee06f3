#include "analysis/verdict.hpp"

#include <fmt/format.h>

#include "lib/text.hpp"

namespace ctguard {

bool is_intrusion_finding(std::string_view id) {
    return id.starts_with("xorddos.") || id == "persist.ld_preload" || id == "binary.modified" ||
           id == "keys.malicious" || (id.starts_with("persist.") && id.ends_with(".download"));
}

namespace {

std::vector<std::string> compromise_reasons(const VerdictInputs& in) {
    std::vector<std::string> r;
    if (in.suspicious_groups > 0) {
        r.push_back(fmt::format("{} of processes that replace each other under changing names",
                                count_of(in.suspicious_groups, "group")));
    }
    if (in.suspicious_processes > 0)
        r.push_back(count_of(in.suspicious_processes, "suspicious process", "suspicious processes"));
    for (const auto& id : in.intrusion_findings) r.push_back("audit: " + id);
    if (in.traffic) {
        const TrafficShape& t = *in.traffic;
        if (t.outbound_half_open >= kFanOutHalfOpen && t.outbound_destinations >= kFanOutDestinations) {
            r.push_back(
                fmt::format("this host opens connections that get no answer: {} half-open to {} destinations",
                            with_thousands(t.outbound_half_open), with_thousands(t.outbound_destinations)));
        }
    }
    return r;
}

std::vector<std::string> attack_reasons(const VerdictInputs& in) {
    if (in.level == Level::ok || !in.traffic) return {};
    const TrafficShape& t = *in.traffic;
    // Mostly inbound, and mostly never completed: a flood, not busy legitimate service.
    if (t.total == 0 || t.inbound * 2 < t.total || t.inbound_half_open * 2 < t.inbound) return {};
    std::vector<std::string> r;
    r.push_back(
        fmt::format("{} of {} entries come in from {} sources, {} of them half-open (SYN_RECV or unanswered)",
                    with_thousands(t.inbound), with_thousands(t.total), with_thousands(t.inbound_sources),
                    with_thousands(t.inbound_half_open)));
    if (in.level == Level::capped)
        r.push_back("the table is pinned at nf_conntrack_max: new connections are dropped");
    return r;
}

std::vector<std::string> misconfiguration_reasons(const VerdictInputs& in) {
    std::vector<std::string> r;
    if (!in.cap || in.cap->host_only) return r;
    const CapFacts& c = *in.cap;
    const uint64_t line = in.thresholds.suspend;
    if (c.max > line) {
        r.push_back(
            fmt::format("nf_conntrack_max is {}: nothing stops the table before the suspension line ({})",
                        with_thousands(c.max), with_thousands(line)));
    }
    if (!c.boot_max || *c.boot_max > line) {
        r.push_back(c.boot_max
                        ? fmt::format("the boot configuration sets nf_conntrack_max to {}, above {}",
                                      with_thousands(*c.boot_max), with_thousands(line))
                        : std::string("no cap is persisted: any live setting is lost at the next boot"));
    }
    if (c.legacy_key) {
        r.push_back("net.ipv4.netfilter.ip_conntrack_max is set, but modern kernels ignore that key");
    }
    return r;
}

}  // namespace

Verdict decide_verdict(const VerdictInputs& in) {
    Verdict v;
    // The first kind with reasons is the verdict; the reasons of the others follow its own.
    const std::pair<VerdictKind, std::vector<std::string>> kinds[] = {
        {VerdictKind::compromise, compromise_reasons(in)},
        {VerdictKind::attack, attack_reasons(in)},
        {VerdictKind::misconfigured, misconfiguration_reasons(in)},
    };
    for (const auto& [kind, reasons] : kinds) {
        if (reasons.empty()) continue;
        if (v.reasons.empty()) v.kind = kind;
        v.reasons.insert(v.reasons.end(), reasons.begin(), reasons.end());
    }
    // An attack's first reason already gives the inbound share.
    if (in.level != Level::ok && v.kind != VerdictKind::attack && !in.dominant_source.empty())
        v.reasons.push_back(in.dominant_source);
    return v;
}

}  // namespace ctguard
