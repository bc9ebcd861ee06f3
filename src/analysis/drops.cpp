#include "analysis/drops.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "lib/text.hpp"

namespace ctguard {

namespace {

uint64_t moved(uint64_t before, uint64_t after) {
    return after > before ? after - before : 0;
}

std::string ago(double uptime, double when) {
    const double s = std::max(0.0, uptime - when);
    if (s < 120) return fmt::format("{:.0f} s ago", s);
    if (s < 7200) return fmt::format("{:.0f} min ago", s / 60);
    if (s < 172800) return fmt::format("{:.1f} h ago", s / 3600);
    return fmt::format("{:.1f} days ago", s / 86400);
}

}  // namespace

std::vector<DropCause> explain_drops(const CpuStats& b, const CpuStats& a) {
    std::vector<DropCause> out;
    auto add = [&](const char* name, uint64_t n, std::string meaning) {
        if (n > 0) out.push_back({name, n, std::move(meaning)});
    };
    add("drop", moved(b.drop, a.drop),
        "the table was full and held nothing the kernel could evict: new connections were dropped "
        "(a table full of established flows)");
    add("early_drop", moved(b.early_drop, a.early_drop),
        "the table was full and the kernel evicted entries never answered to make room (typical of a "
        "SYN flood)");
    add("insert_failed", moved(b.insert_failed, a.insert_failed),
        "two packets of one new flow raced to insert it and one was dropped (typical of UDP DNS with "
        "parallel lookups from one socket)");
    add("clash_resolve", moved(b.clash_resolve, a.clash_resolve),
        "insertion races the kernel settled without a drop (the same pattern as insert_failed)");
    add("chaintoolong", moved(b.chain_toolong, a.chain_toolong),
        "hash chains grew too long: nf_conntrack_buckets (the hash size) is too small for this load");
    return out;
}

// Without allocating: `status` reads the whole kernel log, thousands of records, at every run.
std::optional<KmsgRecord> parse_kmsg_record(std::string_view line) {
    const size_t semi = line.find(';');
    if (line.empty() || line.front() == ' ' || semi == std::string_view::npos) return std::nullopt;
    std::string_view prefix = line.substr(0, semi);
    std::optional<uint64_t> numbers[3];
    for (auto& n : numbers) {
        const size_t comma = prefix.find(',');
        if (comma == std::string_view::npos) return std::nullopt;  // the flags field must follow
        n = parse_u64(prefix.substr(0, comma));
        if (!n) return std::nullopt;
        prefix.remove_prefix(comma + 1);
    }
    return KmsgRecord{*numbers[1], *numbers[2], line.substr(semi + 1)};
}

std::vector<KernelLogEvent> conntrack_log_events(const std::vector<std::string>& records) {
    KernelLogEvent full{"table_full", 0, 0, 0}, vmalloc{"vmalloc", 0, 0, 0};
    for (const auto& line : records) {
        // Most records are about something else: they are not parsed.
        if (line.find(kConntrackLogMark) == std::string::npos) continue;
        auto r = parse_kmsg_record(line);
        if (!r) continue;
        KernelLogEvent* e = nullptr;
        if (r->message.find("nf_conntrack: table full, dropping packet") != std::string_view::npos)
            e = &full;
        else if (r->message.find("nf_conntrack: falling back to vmalloc") != std::string_view::npos)
            e = &vmalloc;
        if (!e) continue;
        const double t = static_cast<double>(r->usec) / 1e6;
        if (e->count == 0) e->first = t;
        e->last = std::max(e->last, t);
        ++e->count;
    }
    std::vector<KernelLogEvent> out;
    for (const auto& e : {full, vmalloc}) {
        if (e.count > 0) out.push_back(e);
    }
    return out;
}

void add_log_events(std::vector<KernelLogEvent>& into, const std::vector<KernelLogEvent>& later) {
    for (const auto& e : later) {
        auto it = std::find_if(into.begin(), into.end(), [&](const KernelLogEvent& x) { return x.kind == e.kind; });
        if (it == into.end()) {
            into.push_back(e);
            continue;
        }
        if (it->count == 0) it->first = e.first;
        it->first = std::min(it->first, e.first);
        it->last = std::max(it->last, e.last);
        it->count += e.count;
    }
}

bool log_can_explain(const CpuStats& since_boot) { return since_boot.drop > 0; }

DropReport finish_drop_report(DropReport facts, const std::optional<CpuStats>& before, const CpuStats& after,
                              double interval) {
    DropReport r = std::move(facts);
    r.interval = before ? interval : 0;
    r.causes = explain_drops(before.value_or(CpuStats{}), after);
    r.sentences = drop_sentences(r);
    r.guest_sentence = guest_sentence(r);
    return r;
}

std::optional<std::string> detect_guest(const VirtFacts& f) {
    // DMI names first: they name the product ("KVM", "VMware Virtual Platform", "HVM domU", ...).
    const std::string dmi = to_lower(f.sys_vendor + " " + f.product_name + " " + f.board_vendor);
    static const std::vector<std::pair<const char*, const char*>> known = {
        {"qemu", "KVM/QEMU"},        {"kvm", "KVM"},           {"vmware", "VMware"},
        {"virtualbox", "VirtualBox"}, {"innotek", "VirtualBox"}, {"xen", "Xen"},
        {"microsoft corporation virtual", "Hyper-V"}, {"amazon ec2", "Amazon EC2"},
        {"google compute engine", "Google Compute Engine"}, {"digitalocean", "DigitalOcean"},
        {"hetzner", "Hetzner Cloud"},  {"openstack", "OpenStack"}, {"bochs", "Bochs"},
        {"parallels", "Parallels"},    {"apple virtualization", "Apple Virtualization"}};
    for (const auto& [needle, name] : known) {
        if (dmi.find(needle) != std::string::npos) return std::string(name);
    }
    if (!f.hypervisor_type.empty()) return printable(f.hypervisor_type);
    if (f.cpu_hypervisor_flag) return std::string("an unnamed hypervisor");
    return std::nullopt;
}

std::vector<std::string> drop_sentences(const DropReport& r) {
    std::vector<std::string> out;
    const std::string over = r.interval > 0 ? fmt::format("in {:.1f} s", r.interval) : "since boot";
    for (const auto& c : r.causes) {
        out.push_back(fmt::format("{} {} {}: {}", c.counter, with_thousands(c.count), over, c.meaning));
    }
    if (r.causes.empty()) out.push_back("no drop counter moved " + over);
    for (const auto& e : r.log) {
        const char* what = e.kind == "table_full"
                               ? "\"nf_conntrack: table full, dropping packet\" (the kernel rate-limits "
                                 "this line: more packets were dropped than it shows)"
                               : "\"nf_conntrack: falling back to vmalloc\" (the hash table was resized "
                                 "and did not fit in contiguous memory)";
        const std::string times = e.count == 1 ? fmt::format("once, {}", ago(r.uptime, e.last))
                                               : fmt::format("{} times, first {}, last {}", with_thousands(e.count),
                                                             ago(r.uptime, e.first), ago(r.uptime, e.last));
        out.push_back(fmt::format("kernel log: {} {} (the log is the host's: it does not say which namespace)",
                                  what, times));
    }
    return out;
}

std::string guest_sentence(const DropReport& r) {
    if (!r.guest) return "";
    return fmt::format(
        "this host is a virtual machine ({}): a cap inside it limits what this guest sends out (a "
        "compromise) but not what reaches the provider's host first; an inbound flood needs the "
        "provider's help, or 'ctguard shield', which keeps forged SYNs out of this guest's table",
        *r.guest);
}

}  // namespace ctguard
