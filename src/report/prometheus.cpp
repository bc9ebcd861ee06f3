#include "report/prometheus.hpp"

#include <fmt/format.h>

#include <cmath>
#include <cstdint>
#include <initializer_list>

#include "lib/text.hpp"
#include "report/top_render.hpp"

namespace ctguard {

namespace {

struct Label {
    std::string_view name;
    std::string_view value;
};

// Writes families one after the other; all samples of a family follow its HELP and TYPE lines,
// as the text format requires.
class Exposition {
  public:
    void family(std::string_view name, std::string_view type, std::string_view help) {
        name_ = name;
        fmt::format_to(std::back_inserter(out_), "# HELP {} {}\n# TYPE {} {}\n", name, help, name, type);
    }
    void sample(std::initializer_list<Label> labels, uint64_t value) {
        line(labels, fmt::format("{}", value));
    }
    void sample(std::initializer_list<Label> labels, double value) { line(labels, format_double(value)); }
    std::string take() { return std::move(out_); }

  private:
    // Go's ParseFloat reads what fmt writes for finite values; the specials have fixed spellings.
    static std::string format_double(double v) {
        if (std::isnan(v)) return "NaN";
        if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
        return fmt::format("{}", v);
    }
    void line(std::initializer_list<Label> labels, const std::string& value) {
        out_ += name_;
        if (labels.size() > 0) {
            char sep = '{';
            for (const Label& l : labels) {
                out_ += sep;
                out_ += l.name;
                out_ += "=\"";
                out_ += escape_label_value(l.value);
                out_ += '"';
                sep = ',';
            }
            out_ += '}';
        }
        out_ += ' ';
        out_ += value;
        out_ += '\n';
    }

    std::string out_;
    std::string_view name_;
};

struct StatField {
    std::string_view name;
    uint64_t CpuStats::*field;
};

// CpuStats::insert is left out: the kernel no longer counts it (always 0).
constexpr StatField kStats[] = {
    {"found", &CpuStats::found},
    {"invalid", &CpuStats::invalid},
    {"insert_failed", &CpuStats::insert_failed},
    {"drop", &CpuStats::drop},
    {"early_drop", &CpuStats::early_drop},
    {"error", &CpuStats::error},
    {"search_restart", &CpuStats::search_restart},
    {"clash_resolve", &CpuStats::clash_resolve},
    {"chain_toolong", &CpuStats::chain_toolong},
};

constexpr Level kLevels[] = {Level::ok, Level::elevated, Level::capped, Level::critical};

// "src" or "src,dport": the `by` label of a top result.
std::string by_label(const TopResult& top) {
    return join(top.by, ",", top_key_name);
}

// The values of one group, comma-separated in the order of `by`: "198.18.0.1" or "198.18.0.1,443".
std::string key_label(const TopResult& top, const TopRow& row) {
    return join(top.by, ",", [&](TopKey k) { return group_value_text(k, row.values); });
}

void tenant_families(Exposition& e, const std::vector<TenantState>& tenants) {
    e.family("ctguard_tenant_up", "gauge",
             "1 when the tenant's conntrack table was read in the last collection, 0 when that failed.");
    for (const auto& t : tenants) e.sample({{"tenant", t.name}}, uint64_t{t.up});

    e.family("ctguard_conntrack_entries", "gauge",
             "Entries in the connection-tracking table (nf_conntrack_count).");
    for (const auto& t : tenants) {
        if (t.up) e.sample({{"tenant", t.name}}, t.count);
    }

    e.family("ctguard_conntrack_max", "gauge",
             "Capacity of the connection-tracking table (nf_conntrack_max).");
    for (const auto& t : tenants) {
        if (t.up) e.sample({{"tenant", t.name}}, t.max);
    }

    e.family(
        "ctguard_conntrack_threshold", "gauge",
        "The tenant's thresholds in entries: warn (elevated), cap (recommended max), suspend (critical).");
    for (const auto& t : tenants) {
        if (!t.up) continue;
        e.sample({{"tenant", t.name}, {"threshold", "warn"}}, t.thresholds.warn);
        e.sample({{"tenant", t.name}, {"threshold", "cap"}}, t.thresholds.cap);
        e.sample({{"tenant", t.name}, {"threshold", "suspend"}}, t.thresholds.suspend);
    }

    e.family("ctguard_conntrack_level", "gauge",
             "1 for the tenant's current level (ok, elevated, capped, critical), 0 for the others.");
    for (const auto& t : tenants) {
        if (!t.up) continue;
        for (Level l : kLevels)
            e.sample({{"tenant", t.name}, {"level", level_name(l)}}, uint64_t{l == t.level});
    }

    e.family("ctguard_conntrack_stat_total", "counter",
             "Kernel conntrack counters summed over CPUs (drop, early_drop, insert_failed, ...).");
    for (const auto& t : tenants) {
        if (!t.up || !t.have_stats) continue;
        for (const auto& s : kStats) e.sample({{"tenant", t.name}, {"stat", s.name}}, t.stats.*s.field);
    }

    e.family(
        "ctguard_conntrack_seconds_to_full", "gauge",
        "Seconds until the table reaches nf_conntrack_max at its current growth; absent when not growing.");
    for (const auto& t : tenants) {
        if (t.up && t.seconds_to_full) e.sample({{"tenant", t.name}}, *t.seconds_to_full);
    }

    e.family("ctguard_top_entries", "gauge",
             "Entries of the largest groups by a key (top-N); key=\"other\" sums the remaining groups.");
    for (const auto& t : tenants) {
        if (!t.up) continue;
        for (const auto& top : t.top) {
            std::string by = by_label(top);
            for (const auto& row : top.rows) {
                e.sample({{"tenant", t.name}, {"by", by}, {"key", key_label(top, row)}}, row.count);
            }
            // Always present, so the series set does not depend on how many groups there are.
            e.sample({{"tenant", t.name}, {"by", by}, {"key", kOtherKey}}, top.other);
        }
    }

    e.family("ctguard_top_groups", "gauge", "Distinct groups by a key, e.g. distinct sources in the table.");
    for (const auto& t : tenants) {
        if (!t.up) continue;
        for (const auto& top : t.top) e.sample({{"tenant", t.name}, {"by", by_label(top)}}, top.groups);
    }
}

}  // namespace

std::string escape_label_value(std::string_view value) {
    std::string out;
    out.reserve(value.size());
    for (char c : value) {
        switch (c) {
            case '\\':
                out += "\\\\";
                break;
            case '"':
                out += "\\\"";
                break;
            case '\n':
                out += "\\n";
                break;
            default:
                out += c;
        }
    }
    return out;
}

std::string prometheus_text(const FleetSnapshot& fleet) {
    Exposition e;
    tenant_families(e, fleet.tenants);

    e.family(
        "ctguard_suspicious_processes", "gauge",
        "Processes on the host that ctguard considers suspicious; absent when processes were not scanned.");
    if (fleet.processes_scanned) e.sample({}, fleet.suspicious_processes);

    e.family("ctguard_kernel_log_lines_total", "counter",
             "Kernel log lines about the conntrack table since ctguard started, by kind: table_full "
             "(\"nf_conntrack: table full, dropping packet\", rate-limited by the kernel) and vmalloc; "
             "absent when the log cannot be read.");
    if (fleet.kernel_log_lines) {
        for (const auto& [kind, n] : *fleet.kernel_log_lines) e.sample({{"kind", kind}}, n);
    }

    e.family("ctguard_collect_duration_seconds", "gauge", "Time the last collection of all tenants took.");
    e.sample({}, fleet.collect_duration_seconds);

    e.family("ctguard_collect_errors_total", "counter", "Failed tenant collections since ctguard started.");
    e.sample({}, fleet.collect_errors_total);

    e.family("ctguard_last_collect_timestamp_seconds", "gauge",
             "When the last collection ended, in seconds since the epoch.");
    e.sample({}, fleet.ts);
    return e.take();
}

}  // namespace ctguard
