#include "daemon/tenant_set.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <utility>

#include "analysis/tenant_match.hpp"
#include "host/netns_discovery.hpp"
#include "host/netns_thread.hpp"
#include "lib/log.hpp"
#include "lib/time_text.hpp"

namespace ctguard {

namespace {

// A reading without its time: read() stamps every one with the same.
Sample sample_of(const Result<TableStats>& s) {
    if (!s) return Sample::failed(s.error().what + ": " + s.error().why);
    return Sample::counted(0, 0, s->count, s->max,
                           s->have_stats ? std::optional<CpuStats>(s->stats) : std::nullopt);
}

}  // namespace

void TenantSet::sync(const DaemonConfig& config, double now, EffectRunner& run) {
    for (const auto& spec : config.tenants) {
        if (spec.is_finder() || tenants_.contains(spec.name)) continue;
        tenants_.emplace(spec.name, Tenant(spec));
    }
    sync_globs(config, now, run);
    for (auto& [name, t] : tenants_) {
        if (t.spec().kind == TenantKind::netns) sync_netns(t, now, run);
    }
}

void TenantSet::sync_globs(const DaemonConfig& config, double now, EffectRunner& run) {
    auto finds = [&](TenantKind kind) {
        return std::any_of(config.tenants.begin(), config.tenants.end(),
                           [kind](const TenantSpec& s) { return s.kind == kind; });
    };
    const bool globs = finds(TenantKind::netns_glob), discovers = finds(TenantKind::netns_discover);
    if (!globs && !discovers) return;
    // Every namespace a finder finds now: tenant name -> (the finder, what --netns enters it with).
    std::map<std::string, std::pair<const TenantSpec*, std::string>> found;
    const auto names = globs ? list_netns_names(root_) : std::vector<std::string>{};
    const auto discovered = discovers ? discover_netns(root_) : std::vector<NamespaceInfo>{};
    for (const auto& spec : config.tenants) {
        if (spec.kind == TenantKind::netns_glob) {
            for (const auto& name : names) {
                if (name_matches(spec.netns, name)) found.emplace(name, std::pair{&spec, name});
            }
        } else if (spec.kind == TenantKind::netns_discover) {
            for (const auto& ns : discovered) {
                const bool container = ns.kind != "netns" && ns.kind != "process";
                if (spec.netns == "all" || container) found.emplace(ns.name, std::pair{&spec, ns.arg});
            }
        }
    }
    std::vector<std::string> vanished;
    for (const auto& [name, t] : tenants_) {
        if (!t.glob.empty() && !found.contains(name)) vanished.push_back(name);
    }
    for (const auto& name : vanished) {
        log_info(fmt::format("tenant {}: namespace vanished; no longer watched", name));
        drop(name, now, "vanished", run);
    }
    for (const auto& [name, finder] : found) {
        if (tenants_.contains(name)) continue;
        TenantSpec member = *finder.first;
        member.kind = TenantKind::netns;
        member.name = name;
        member.netns = finder.second;
        tenants_.emplace(name, Tenant(std::move(member), finder.first->finder()));
    }
}

void TenantSet::sync_netns(Tenant& t, double now, EffectRunner& run) {
    if (t.table) {
        auto presence = t.table->presence();
        if (presence == ConntrackSource::Presence::same) return;
        // Our socket keeps the old namespace alive; what it counts is no longer the tenant.
        const std::string path = t.table->address().netns;
        auto ctx = run.context();
        run.apply(t, t.monitor.restart(now, "vanished", ctx));
        t.table.reset();
        if (presence == ConntrackSource::Presence::gone) {
            feed(t, Sample::failed("namespace " + path + " vanished; trying again each interval"), run);
            return;
        }
        if (!t.pinned)
            log_info(
                fmt::format("tenant {}: namespace {} was re-created; opening the new one", t.name(), path));
    }
    TableAddress where = tenant_table(t.spec(), root_);
    where.id = t.pinned;  // so the open below fails, with its reason, if it would switch
    auto table = ConntrackSource::open(root_, where);
    if (!table) {
        ++t.open_failures;
        // `ip netns add` creates the name a moment before the namespace is mounted on it: a glob
        // member that fails once is usually just early.
        if (!t.glob.empty() && t.open_failures < 2)
            feed(t, Sample::failed(table.error().why, true), run);
        else
            feed(t, Sample::failed("cannot watch namespace " + where.netns + ": " + table.error().why), run);
        return;
    }
    t.table.emplace(std::move(*table));
    if (t.spec().netns.starts_with("pid:")) t.pinned = t.table->address().id;
    t.open_failures = 0;
    t.monitor.table_opened();
    log_info(fmt::format("tenant {}: watching namespace {}{}", t.name(), where.netns,
                         t.glob.empty() ? "" : " (found by '" + t.glob + "')"));
}

double TenantSet::read(double now, EffectRunner& run) {
    // Every table is read before any monitor acts on its reading (caps and logs take time).
    std::vector<std::pair<Tenant*, std::optional<Sample>>> readings;
    std::vector<Tenant*> on_host;
    std::vector<size_t> on_host_at;
    for (auto& [name, t] : tenants_) {
        auto& r = readings.emplace_back(&t, std::nullopt);
        if (t.spec().kind != TenantKind::netns) {
            on_host.push_back(&t);
            on_host_at.push_back(readings.size() - 1);
        } else if (t.table) {  // else it is down, and sync_netns said why
            r.second = sample_of(t.table->stats());
        }
    }
    if (!on_host.empty()) {
        auto samples = read_host(on_host);
        for (size_t i = 0; i < samples.size(); ++i) readings[on_host_at[i]].second = std::move(samples[i]);
    }
    const double mono = monotonic_seconds();
    for (auto& [t, sample] : readings) {
        if (!sample) continue;
        sample->now = now;
        sample->mono = mono;
        feed(*t, *sample, run);
    }
    return mono;
}

std::vector<Sample> TenantSet::read_host(const std::vector<Tenant*>& tenants) {
    if (!host_table_ready())
        return std::vector<Sample>(tenants.size(), Sample::failed("conntrack table: " + host_error_));
    auto hs = host_->stats();
    std::vector<Sample> out(tenants.size(), sample_of(hs));
    if (!hs) return out;
    // Zone, mark and CIDR tenants have no count of their own in the kernel: one dump counts them all.
    std::vector<const TenantSpec*> shared_specs;
    std::vector<size_t> shared;
    for (size_t i = 0; i < tenants.size(); ++i) {
        if (tenants[i]->spec().kind == TenantKind::host) continue;
        shared_specs.push_back(&tenants[i]->spec());
        shared.push_back(i);
    }
    if (shared.empty()) return out;
    TenantCounter counter(shared_specs);
    auto dump = host_->dump(counter);
    for (size_t j = 0; j < shared.size(); ++j) {
        out[shared[j]] = dump ? Sample::counted(0, 0, counter.counts()[j], hs->max)
                              : Sample::failed(dump.error().what + ": " + dump.error().why);
    }
    return out;
}

bool TenantSet::host_table_ready() {
    if (host_) return true;
    auto table = ConntrackSource::open(root_);
    if (!table) {
        host_error_ = table.error().why;
        return false;
    }
    host_.emplace(std::move(*table));
    return true;
}

void TenantSet::feed(Tenant& t, const Sample& sample, EffectRunner& run) {
    if (!sample.up && !sample.quiet) ++collect_errors_;
    auto ctx = run.context();
    run.apply(t, t.monitor.sample(sample, ctx));
}

void TenantSet::refresh_tops(double mono, EffectRunner& run) {
    for (auto& [name, t] : tenants_) {
        auto ctx = run.context();
        run.apply(t, t.monitor.refresh_top(mono, ctx));
    }
}

void TenantSet::drop(const std::string& name, double now, const std::string& reason, EffectRunner& run) {
    auto it = tenants_.find(name);
    if (it == tenants_.end()) return;
    auto ctx = run.context();
    run.apply(it->second, it->second.monitor.end(now, reason, ctx));
    tenants_.erase(it);
}

void TenantSet::end_all(double now, const std::string& reason, EffectRunner& run) {
    for (auto& [name, t] : tenants_) {
        auto ctx = run.context();
        run.apply(t, t.monitor.end(now, reason, ctx));
    }
}

Tenant* TenantSet::find(const std::string& name) {
    auto it = tenants_.find(name);
    return it == tenants_.end() ? nullptr : &it->second;
}

std::vector<RunningTenant> TenantSet::running() const {
    std::vector<RunningTenant> out;
    for (const auto& [name, t] : tenants_) out.push_back(RunningTenant{name, t.glob, t.spec()});
    return out;
}

std::vector<TenantState> TenantSet::states() const {
    std::vector<TenantState> out;
    for (const auto& [name, t] : tenants_) {
        out.push_back(t.monitor.state());
        out.back().found = !t.glob.empty();
    }
    return out;
}

std::vector<LiveWant> TenantSet::live_tables(const DaemonConfig& config) const {
    std::vector<LiveWant> out;
    // The daemon's own table, when a tenant counts in it (the host's, zones, marks, CIDRs).
    if (std::any_of(tenants_.begin(), tenants_.end(), [](const auto& nt) { return nt.second.spec().kind != TenantKind::netns; }))
        out.push_back(LiveWant{"(the daemon's own table)", {}});
    for (const auto& [name, t] : tenants_) {
        if (t.spec().kind != TenantKind::netns || !t.table) continue;
        // The configuration as it is now (a reload keeps the tenants' running specs): the tenant's
        // own definition, or the glob's or discovery's that found it.
        // Captured by name: clang 14 (the fuzz build's) cannot capture structured bindings.
        auto defines_live = [&t = t, &name = name](const TenantSpec& s) {
            const bool defines =
                t.glob.empty() ? !s.is_finder() && s.name == name : s.is_finder() && s.finder() == t.glob;
            return defines && s.live_table;
        };
        const bool live = std::any_of(config.tenants.begin(), config.tenants.end(), defines_live);
        if (live) out.push_back(LiveWant{name, t.table->address()});
    }
    return out;
}

std::vector<const Incident*> TenantSet::open_incidents() const {
    std::vector<const Incident*> out;
    for (const auto& [name, t] : tenants_) {
        if (t.monitor.incident()) out.push_back(&*t.monitor.incident());
    }
    return out;
}

}  // namespace ctguard
