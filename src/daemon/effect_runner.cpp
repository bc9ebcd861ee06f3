#include "daemon/effect_runner.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <utility>
#include <variant>

#include "lib/json_text.hpp"
#include "lib/log.hpp"
#include "lib/time_text.hpp"
#include "analysis/shield_plan.hpp"
#include "collect/shield_control.hpp"
#include "netfilter/cap_ruleset.hpp"
#include "netfilter/nftables.hpp"
#include "netfilter/shield_ruleset.hpp"
#include "netfilter/shield_state.hpp"
#include "report/incident_json.hpp"
#include "report/shield_render.hpp"

namespace ctguard {

namespace {

// Evidence dumps of this many tenants run side by side, so one tenant's dump of a huge table does not
// hold up another's; every dump walks the kernel's whole table, so more threads would only share the
// same CPUs. Past the queue, evidence is not taken (and said so) rather than piling up for hours.
constexpr size_t kEvidenceThreads = 4;
constexpr size_t kEvidenceQueue = 256;

// Removing needs the namespace that held the rules: they went with it, and another namespace under
// the name is not ours.
bool namespace_gone(const Tenant& t) {
    return t.spec().kind == TenantKind::netns &&
           (!t.table || t.table->presence() != ConntrackSource::Presence::same);
}

}  // namespace

EffectRunner::EffectRunner(const DaemonConfig& config, RootDir root)
    : config_(config), root_(std::move(root)), hooks_(config.max_running_actions) {}

EffectRunner::~EffectRunner() = default;

Result<void> EffectRunner::start() {
    if (!config_.db.empty()) writer_ = std::make_unique<HistoryWriter>(config_.db, config_.retention);
    evidence_ = std::make_unique<EvidenceWorker>(root_, kEvidenceThreads, kEvidenceQueue);
    if (evidence_->ready_fd() < 0) return Error::from_errno("eventfd", errno);
    return {};
}

void EffectRunner::apply(Tenant& t, Effects effects) {
    for (auto& effect : effects) std::visit([&](auto& e) { carry_out(t, e); }, effect);
}

void EffectRunner::carry_out(Tenant&, LogLine& line) {
    log_line(line.level, line.message);
}

Result<void> EffectRunner::in_tenant_namespace(Tenant& t, const std::string& what,
                                               const std::function<Result<void>()>& work) {
    // libnftables binds its netlink socket where its context is made, so `work` makes it inside.
    if (t.spec().kind == TenantKind::netns)
        return t.table ? t.table->run_inside(work) : Result<void>(Error::unavailable(what, "its namespace is not open"));
    if (t.spec().kind == TenantKind::host) return work();
    return Error::unavailable(
        what, "a zone, mark or CIDR tenant shares the host's table; there is no namespace of its own to act in");
}

void EffectRunner::carry_out(Tenant& t, RunCap& cap) {
    const std::string commands = cap.remove ? cap_remove_script(kDaemonCapTable)
                                            : cap_ruleset(CapSpec{cap.per_source, {}, {}}, kDaemonCapTable);
    const std::string what = "tenant " + t.name() + ": cap";
    const std::string table = fmt::format("table inet {}", kDaemonCapTable.name);
    if (cap.remove && namespace_gone(t)) {
        if (!cap.stale) log_info(fmt::format("{}: not removed: its namespace is gone", what));
        return;
    }
    bool found = true;
    auto r = in_tenant_namespace(t, what, [&]() -> Result<void> {
        auto ctx = Nftables::open();
        if (!ctx) return ctx.error();
        if (cap.stale) {
            auto listed = ctx->run("list tables inet");
            if (!listed) return listed.error();
            found = listed->find(table + "\n") != std::string::npos;
            if (!found) return {};
        }
        if (auto r = ctx->run(commands); !r) return r.error();
        return {};
    });
    if (!r) {
        ++action_failures_;
        log_warning(fmt::format("{}: {}", what, r.error().why));
    } else if (cap.stale) {
        if (found) log_info(fmt::format("{}: removed the nft {} an earlier run left", what, table));
    } else if (cap.remove) {
        log_info(fmt::format("{}: removed (nft {})", what, table));
    } else {
        log_info(fmt::format("{}: new connections from a source with {} tracked are dropped (nft {})", what,
                             cap.per_source, table));
    }
}

void EffectRunner::carry_out(Tenant& t, RunShield& shield) {
    const std::string what = "tenant " + t.name() + ": shield";
    if (shield.remove && namespace_gone(t)) {
        if (!shield.stale) log_info(fmt::format("{}: not removed: its namespace is gone", what));
        return;
    }
    std::string done;  // what happened, for the log; "" for a stale removal with nothing to remove
    auto r = in_tenant_namespace(t, what, [&]() -> Result<void> {
        auto nft = Nftables::open();
        if (!nft) return nft.error();
        auto site = read_shield_site(*nft, root_);
        if (!site) return site.error();
        const bool ours = site->state.saved_file && site->state.saved.owner == ShieldOwner::daemon;
        if (shield.remove) {
            if (!ours) {
                if (site->state.installed && !shield.stale)
                    done = "left loaded: 'ctguard shield --apply' loaded it, 'ctguard shield --remove' removes it";
                return {};
            }
            auto restore = sysctls_to_restore(*site, read_shield_sysctls(root_));
            if (auto u = unload_shield(*nft, root_, *site, restore); !u) return u;
            done = shield.stale ? "removed the shield an earlier run left" : "removed, and its sysctls put back";
            return {};
        }
        if (site->state.installed && !ours) {
            done = "already loaded by 'ctguard shield --apply': left as it is";
            return {};
        }
        auto in = read_shield_input(*nft, root_, {}, *site);
        if (!in) return in.error();
        auto plan = plan_shield(*in);
        if (!plan) return plan.error();
        const std::string summary = shield_summary(*plan);
        if (summary.empty()) {
            done = "no measure fits this namespace (see 'ctguard shield' there): nothing loaded";
            return {};
        }
        const bool load_rules =
            !site->state.installed || zero_counters(site->state.listing) != shield_listing(*plan);
        const auto saved =
            merge_saved_sysctls(site->state.saved.sysctls, site->state.installed, plan->sysctls, in->sysctls);
        if (auto l = load_shield(*nft, root_, *site, *plan, saved, ShieldOwner::daemon, load_rules); !l) return l;
        done = fmt::format("loaded (nft table inet {}): {}", kShieldTable, summary);
        return {};
    });
    if (!r) {
        ++action_failures_;
        log_warning(fmt::format("{}: {}", what, r.error().why));
    } else if (!done.empty()) {
        log_info(fmt::format("{}: {}", what, done));
    }
}

void EffectRunner::carry_out(Tenant&, RunHooks& hooks) {
    const LevelEvent& event = hooks.event;
    const std::string input = json_text(event_json(event)) + "\n";
    const std::string level(level_name(event.change.level));
    const std::string previous(level_name(event.change.previous));
    for (const auto& a : hooks.actions) {
        HookJob job;
        job.argv = a.argv;
        job.input = input;
        job.timeout = a.timeout;
        job.label = fmt::format("{} {}->{}: {}", event.tenant, previous, level, a.argv.front());
        job.env = {"CTGUARD_TENANT=" + event.tenant, "CTGUARD_LEVEL=" + level, "CTGUARD_PREVIOUS=" + previous,
                   "CTGUARD_COUNT=" + std::to_string(event.change.count)};
        hooks_.submit(std::move(job));
    }
}

void EffectRunner::carry_out(Tenant& t, RequestEvidence& request) {
    EvidenceRequest r;
    r.id = request.id;
    r.spec = t.spec();
    // A namespace's dump reads the very namespace the loop counts, and none when it has none open.
    if (t.spec().kind != TenantKind::netns)
        r.table = TableAddress{};
    else if (t.table)
        r.table = t.table->address();
    r.top = config_.top;
    r.processes = request.processes;
    if (auto queued = evidence_->submit(std::move(r)); !queued) {
        auto ctx = context();
        apply(t, t.monitor.evidence_refused(queued.error().what + ": " + queued.error().why, wall_seconds(),
                                            ctx));
    }
}

void EffectRunner::carry_out(Tenant&, SaveIncident& save) {
    if (writer_) writer_->save(std::move(save.incident));
}

void EffectRunner::finish_history() {
    if (!writer_) return;
    // The journal keeps what the database would not take.
    for (const auto& i : writer_->finish()) {
        log_error(fmt::format("history {}: not saved, recorded here instead: {}", writer_->path(),
                              json_text(incident_json(i))));
    }
}

void EffectRunner::reopen_history(const std::string& db, double retention,
                                  const std::vector<const Incident*>& open) {
    finish_history();
    writer_.reset();
    if (db.empty()) return;
    writer_ = std::make_unique<HistoryWriter>(db, retention);
    for (const Incident* i : open) writer_->save(*i);
}

void EffectRunner::finish(double grace) {
    hooks_.shutdown(grace);
    finish_history();
}

}  // namespace ctguard
