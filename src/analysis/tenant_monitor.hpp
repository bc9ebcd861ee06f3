#pragma once
// One tenant's watch, without I/O. The daemon feeds it every interval's sample of the tenant's table
// and the evidence its dumps bring back; it moves the level (hysteresis), keeps the growth forecast,
// the incident and the changes waiting for their evidence, and answers with effects: what the daemon
// must do, in order (log, cap, shield, run hooks, take evidence, save the incident). So every decision the
// daemon makes about a tenant can be tested without a kernel, a loop or a clock.
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "analysis/growth.hpp"
#include "analysis/hysteresis.hpp"
#include "lib/log.hpp"
#include "model/daemon_config.hpp"
#include "model/fleet.hpp"
#include "model/incident.hpp"

namespace ctguard {

struct LogLine {
    LogLevel level = LogLevel::info;
    std::string message;
};
// The built-in cap action, in the tenant's table: a per-source limit, or its removal (back to ok,
// or the tenant is no longer watched). `stale`: the removal of a cap an earlier run left behind,
// if there is one.
struct RunCap {
    uint32_t per_source = 0;
    bool remove = false;
    bool stale = false;
};
// The built-in shield action, in the tenant's namespace: `ctguard shield --apply` on every listener,
// or its removal (back to ok, or the tenant is no longer watched). Only a shield the daemon loaded is
// removed; `stale`: the removal of one an earlier run left behind, if there is one.
struct RunShield {
    bool remove = false;
    bool stale = false;
};
// The exec actions of one level change, once its evidence is there: each gets the event on stdin.
struct RunHooks {
    LevelEvent event;
    std::vector<ActionSpec> actions;
};
// A dump of the tenant's table, away from the loop; its result goes back through evidence(), or
// evidence_refused() when it cannot be queued. `for_changes`: the evidence of the changes waiting
// (with the host's processes when `processes`); otherwise a refresh of /metrics' top-N.
struct RequestEvidence {
    uint64_t id = 0;
    bool for_changes = true;
    bool processes = false;
};
// This version of the incident goes to the history (replacing an older one of the same incident).
struct SaveIncident {
    Incident incident;
};

using Effect = std::variant<LogLine, RunCap, RunShield, RunHooks, RequestEvidence, SaveIncident>;
using Effects = std::vector<Effect>;

// One interval's reading of the tenant's table.
struct Sample {
    double now = 0;   // wall clock, seconds since the epoch: when a change happened
    double mono = 0;  // monotonic seconds: growth and `for`
    bool up = true;   // false: the table could not be read; `error` says why
    uint64_t count = 0;
    uint64_t max = 0;
    std::optional<CpuStats> stats;
    std::string error;
    bool quiet = false;  // down, but most likely only early (a namespace not mounted yet): not logged

    static Sample counted(double now, double mono, uint64_t count, uint64_t max,
                          std::optional<CpuStats> stats = std::nullopt) {
        return Sample{now, mono, true, count, max, stats, {}, false};
    }
    static Sample failed(std::string error, bool quiet = false) {
        return Sample{0, 0, false, 0, 0, std::nullopt, std::move(error), quiet};
    }
};

// What every tenant's decisions share: the configuration (actions, top_interval) and the counter of
// evidence requests. One counter for all tenants, so a late result never matches the request of a
// later tenant of the same name.
struct MonitorContext {
    const DaemonConfig& config;
    uint64_t& last_request;
};

class TenantMonitor {
  public:
    explicit TenantMonitor(TenantSpec spec);

    Effects sample(const Sample& sample, MonitorContext& ctx);
    // Is the result of request `id` still wanted? (Not once the incident it was for has ended.)
    bool waits_for(uint64_t id) const { return id != 0 && id == request_; }
    // The result of the request in flight: the changes it was taken for are recorded and their hooks
    // run, in order; /metrics' top-N is updated. `mono`: when it came back.
    Effects evidence(uint64_t id, Evidence evidence, double mono, MonitorContext& ctx);
    // The request in flight could not be queued: the changes it was for are recorded without
    // evidence (`why` says so), at `now`; a refresh just waits for the next top_interval.
    Effects evidence_refused(const std::string& why, double now, MonitorContext& ctx);
    // A refresh of /metrics' top-N when one is due: only tenants that are up and not ok export one.
    Effects refresh_top(double mono, MonitorContext& ctx);
    // The tenant stops being watched: changes still waiting are recorded without evidence (they came
    // before the end), a dump under way is ignored, the incident closes with `reason`, and a cap
    // still applied is removed (nobody would remove it after us).
    Effects end(double now, const std::string& reason, MonitorContext& ctx);
    // end(), and what was known about the table is forgotten (level, growth, top-N): the namespace
    // behind the tenant is gone or is another one.
    Effects restart(double now, const std::string& reason, MonitorContext& ctx);
    // A table is open again: a read failure before it is not news once it reads ("readable again").
    void table_opened() { logged_error_.clear(); }
    // A reload's new thresholds and `for`; level, incident and the rest stay.
    void retune(const Thresholds& thresholds, double recover_after);

    const TenantSpec& spec() const { return spec_; }
    const TenantState& state() const { return state_; }
    const std::optional<Incident>& incident() const { return incident_; }

  private:
    void evaluate(const Sample& sample, MonitorContext& ctx, Effects& out);
    void on_change(Level previous, double now, MonitorContext& ctx, Effects& out);
    void request(bool for_changes, MonitorContext& ctx, Effects& out);
    void complete(size_t n, const Evidence& evidence, MonitorContext& ctx, Effects& out);
    void save(Effects& out) const;

    TenantSpec spec_;  // its thresholds and `for`, its name, whether it is the host
    TenantState state_;
    LevelTracker tracker_;
    GrowthTracker growth_;
    std::optional<Incident> incident_;
    std::string logged_error_;  // the read failure last logged; "" while it reads
    // Level changes whose evidence is being taken, oldest first: their incident records and hooks
    // wait for it, in order. Other tenants never wait for them.
    std::deque<LevelEvent> waiting_;
    uint64_t request_ = 0;       // the evidence request in flight (0: none)
    size_t request_covers_ = 0;  // the changes of `waiting_` it was taken for (0: a top refresh)
    double next_top_ = 0;        // monotonic time of the next top-N refresh
    // The highest count seen while a first change waits for its evidence (no incident open yet):
    // the incident opened with that evidence takes it as its peak, so nothing is lost.
    uint64_t waiting_peak_ = 0;
    bool capped_ = false;      // a cap of ours is in its table
    bool shielded_ = false;    // our shield is loaded in its namespace
    bool reconciled_ = false;  // its first reading was taken (a stale cap or shield is removed at ok)
};

}  // namespace ctguard
