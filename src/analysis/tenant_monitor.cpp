#include "analysis/tenant_monitor.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

#include "analysis/incident.hpp"
#include "lib/text.hpp"
#include "lib/time_text.hpp"

namespace ctguard {

namespace {

// Evidence that could not be taken: the change is still recorded and its hooks still run.
Evidence missing_evidence(const std::string& why, double now) {
    Evidence ev;
    ev.at = now;
    ev.error = why;
    return ev;
}

std::string forecast_text(const TenantState& s, const Thresholds& t) {
    std::string out = fmt::format("{:+.0f}/s", s.growth_per_second);
    if (auto to_suspend = seconds_until(s.count, t.suspend, s.growth_per_second);
        to_suspend && *to_suspend > 0) {
        out += ", suspend in " + format_duration_short(*to_suspend);
    }
    if (s.seconds_to_full && *s.seconds_to_full > 0)
        out += ", full in " + format_duration_short(*s.seconds_to_full);
    return out;
}

// The actions of a change to `level`: caps and shields act at the change itself (they need no
// evidence and protect the table at once); exec hooks get the event once its evidence is there.
std::vector<const ActionSpec*> matching_actions(const DaemonConfig& config, const std::string& tenant,
                                                Level level, bool exec) {
    std::vector<const ActionSpec*> out;
    for (const auto& a : config.actions) {
        if (a.wants(level) && a.applies_to(tenant) && a.builtin() != exec) out.push_back(&a);
    }
    return out;
}

}  // namespace

TenantMonitor::TenantMonitor(TenantSpec spec) : spec_(std::move(spec)) {
    state_.name = spec_.name;
    state_.thresholds = spec_.thresholds;
}

Effects TenantMonitor::sample(const Sample& sample, MonitorContext& ctx) {
    Effects out;
    auto& s = state_;
    s.thresholds = spec_.thresholds;
    if (!sample.up) {
        s.up = false;
        s.error = sample.error;
        if (!sample.quiet && sample.error != logged_error_) {
            out.push_back(LogLine{LogLevel::warning, fmt::format("tenant {}: {}", s.name, sample.error)});
            logged_error_ = sample.error;
        }
        return out;
    }
    s.up = true;
    s.error.clear();
    s.count = sample.count;
    s.max = sample.max;
    s.have_stats = sample.stats.has_value();
    s.stats = sample.stats.value_or(CpuStats{});
    if (!logged_error_.empty()) {
        out.push_back(LogLine{LogLevel::info, fmt::format("tenant {}: readable again", s.name)});
        logged_error_.clear();
    }
    evaluate(sample, ctx, out);
    // A daemon killed during an incident could not remove its cap or shield: what is left of one is
    // removed at the first reading, unless the level found calls for it (applied just now). Only
    // where such an action applies: others need not have nftables at all.
    if (!reconciled_ && (spec_.kind == TenantKind::netns || spec_.kind == TenantKind::host)) {
        reconciled_ = true;
        auto applies = [&](auto kind) {
            return std::any_of(ctx.config.actions.begin(), ctx.config.actions.end(),
                               [&](const ActionSpec& a) { return kind(a) && a.applies_to(s.name); });
        };
        if (!capped_ && applies([](const ActionSpec& a) { return a.cap.has_value(); }))
            out.push_back(RunCap{0, true, true});
        if (!shielded_ && applies([](const ActionSpec& a) { return a.shield; })) out.push_back(RunShield{true, true});
    }
    return out;
}

void TenantMonitor::evaluate(const Sample& sample, MonitorContext& ctx, Effects& out) {
    auto& s = state_;
    s.growth_per_second = growth_.update(s.count, sample.mono);
    s.seconds_to_full = seconds_until(s.count, s.max, s.growth_per_second);
    const Level previous = tracker_.level();
    s.level = tracker_.update(s.count, s.max, spec_.thresholds, spec_.recover_after, sample.mono);
    if (s.level != previous) {
        on_change(previous, sample.now, ctx, out);
        return;
    }
    if (incident_) {
        if (record_count(*incident_, s.count, s.level)) save(out);
    } else if (!waiting_.empty()) {
        waiting_peak_ = std::max(waiting_peak_, s.count);
    }
}

// Hooks get the event with its evidence: a change waits for its own tenant's dump, never for
// anybody else's, while the loop goes on counting. A tenant has one dump in flight at most; changes
// that come meanwhile share the next one.
void TenantMonitor::on_change(Level previous, double now, MonitorContext& ctx, Effects& out) {
    auto& s = state_;
    out.push_back(LogLine{LogLevel::info,
                          fmt::format("tenant {}: {} -> {}: {} entries (max {}), {}", s.name,
                                      level_name(previous), level_name(s.level), with_thousands(s.count),
                                      with_thousands(s.max), forecast_text(s, spec_.thresholds))});
    LevelEvent event;
    event.tenant = s.name;
    event.change = LevelChange{now, s.level, previous, s.count};
    event.max = s.max;
    event.thresholds = spec_.thresholds;
    event.growth_per_second = s.growth_per_second;
    event.seconds_to_full = s.seconds_to_full;
    event.seconds_to_suspend = seconds_until(s.count, spec_.thresholds.suspend, s.growth_per_second);
    for (const ActionSpec* a : matching_actions(ctx.config, s.name, s.level, false)) {
        if (a->cap) {
            out.push_back(RunCap{*a->cap, s.level == Level::ok});
            capped_ = s.level != Level::ok;
        } else {
            out.push_back(RunShield{s.level == Level::ok});
            shielded_ = s.level != Level::ok;
        }
    }
    waiting_.push_back(std::move(event));
    if (s.level == Level::ok) s.top.clear();  // a tenant at ok exports no top-N, from now on
    if (request_ == 0) request(true, ctx, out);
}

void TenantMonitor::request(bool for_changes, MonitorContext& ctx, Effects& out) {
    request_ = ++ctx.last_request;
    request_covers_ = for_changes ? waiting_.size() : 0;
    out.push_back(RequestEvidence{request_, for_changes, for_changes && spec_.kind == TenantKind::host});
}

void TenantMonitor::complete(size_t n, const Evidence& evidence, MonitorContext& ctx, Effects& out) {
    if (!evidence.error.empty()) {
        out.push_back(LogLine{LogLevel::warning, fmt::format("tenant {}: evidence incomplete: {}",
                                                             state_.name, evidence.error)});
    }
    for (size_t i = 0; i < n; ++i) {
        LevelEvent event = std::move(waiting_.front());
        waiting_.pop_front();
        event.evidence = evidence;
        event.evidence.level = event.change.level;
        event.evidence.count = event.change.count;
        if (!incident_) {
            if (event.change.level != Level::ok) {
                incident_ = open_incident(state_.name, event.change, event.evidence);
                record_count(*incident_, std::exchange(waiting_peak_, 0), Level::ok);
            }
        } else {
            record_change(*incident_, event.change, event.evidence);
        }
        if (incident_) {
            save(out);
            if (incident_->end) incident_.reset();
        }
        RunHooks hooks;
        for (const ActionSpec* a : matching_actions(ctx.config, state_.name, event.change.level, true))
            hooks.actions.push_back(*a);
        if (!hooks.actions.empty()) {
            hooks.event = std::move(event);
            out.push_back(std::move(hooks));
        }
    }
    waiting_peak_ = 0;
}

Effects TenantMonitor::evidence(uint64_t id, Evidence evidence, double mono, MonitorContext& ctx) {
    Effects out;
    if (!waits_for(id)) return out;
    request_ = 0;
    if (request_covers_ > 0) complete(request_covers_, evidence, ctx, out);
    // /metrics' top-N is the latest evidence or refresh of a tenant that is not ok.
    state_.top = state_.level == Level::ok ? std::vector<TopResult>{} : std::move(evidence.top);
    next_top_ = mono + ctx.config.top_interval;
    if (!waiting_.empty()) request(true, ctx, out);
    return out;
}

Effects TenantMonitor::evidence_refused(const std::string& why, double now, MonitorContext& ctx) {
    Effects out;
    if (request_ == 0) return out;
    const bool for_changes = request_covers_ > 0;
    request_ = 0;
    if (for_changes) complete(waiting_.size(), missing_evidence(why, now), ctx, out);
    return out;
}

// Each refresh is a dump, and a dump walks the kernel's whole table, every namespace's entries: so
// only tenants that export a top-N are refreshed.
Effects TenantMonitor::refresh_top(double mono, MonitorContext& ctx) {
    Effects out;
    const double every = ctx.config.top_interval;
    if (every <= 0 || !state_.up || state_.level == Level::ok || request_ != 0 || mono < next_top_)
        return out;
    next_top_ = mono + every;
    request(false, ctx, out);
    return out;
}

Effects TenantMonitor::end(double now, const std::string& reason, MonitorContext& ctx) {
    Effects out;
    // A dump still under way describes what ended: its result is dropped.
    if (!waiting_.empty())
        complete(waiting_.size(),
                 missing_evidence("evidence: not taken: the incident ended (" + reason + ")", now), ctx, out);
    request_ = 0;
    if (capped_) out.push_back(RunCap{0, true});
    if (shielded_) out.push_back(RunShield{true});
    capped_ = shielded_ = false;
    if (!incident_) return out;
    close_incident(*incident_, now, reason);
    save(out);
    incident_.reset();
    return out;
}

Effects TenantMonitor::restart(double now, const std::string& reason, MonitorContext& ctx) {
    Effects out = end(now, reason, ctx);
    reconciled_ = false;  // a namespace re-created under the name may hold a cap of an earlier run
    tracker_ = LevelTracker{};
    growth_ = GrowthTracker{};
    state_.top.clear();
    return out;
}

void TenantMonitor::retune(const Thresholds& thresholds, double recover_after) {
    spec_.thresholds = thresholds;
    spec_.recover_after = recover_after;
}

void TenantMonitor::save(Effects& out) const {
    out.push_back(SaveIncident{*incident_});
}

}  // namespace ctguard
