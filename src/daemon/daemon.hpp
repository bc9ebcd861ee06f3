#pragma once
// The daemon loop (`ctguard daemon --config FILE`): every interval it resolves the tenants, counts
// each one in O(1), moves levels with hysteresis, and on every level change has the evidence taken
// (on the EvidenceWorker's threads), then records the incident and runs the matching actions. One
// FleetSnapshot per interval goes to the SnapshotStore, which /metrics serves. SIGTERM/SIGINT stop
// it cleanly, SIGHUP reloads the configuration.
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "analysis/growth.hpp"
#include "analysis/hysteresis.hpp"
#include "daemon/evidence_worker.hpp"
#include "daemon/history_writer.hpp"
#include "daemon/hook_runner.hpp"
#include "daemon/metrics_server.hpp"
#include "daemon/snapshot_store.hpp"
#include "model/daemon_config.hpp"
#include "model/fleet.hpp"
#include "model/incident.hpp"
#include "netfilter/conntrack_source.hpp"

namespace ctguard {

struct DaemonOptions {
    std::string config_path;
    RootDir root;
    bool verbose = false;  // one log line per interval with the collection time
};

// Reads, parses and checks a config file; errors name the file, line and key (exit 64).
Result<DaemonConfig> load_daemon_config(const std::string& path);

class Daemon {
  public:
    Daemon(DaemonOptions options, DaemonConfig config, SnapshotStore& store);
    ~Daemon();
    // Runs until SIGTERM or SIGINT; returns 0 then.
    Result<int> run();

  private:
    struct Tenant {
        TenantSpec spec;   // a glob member gets the glob's spec, named and pointed at its namespace
        std::string glob;  // the netns glob that found it; "" for a listed tenant
        std::optional<ConntrackSource> table;  // netns tenants, while the namespace is open
        LevelTracker tracker;
        GrowthTracker growth;
        std::optional<Incident> incident;
        TenantState state;
        std::string logged_error;
        unsigned open_failures = 0;
        // Level changes whose evidence is being taken, oldest first: their incident records and
        // hooks wait for it, in order. Other tenants never wait for them.
        std::deque<LevelEvent> waiting;
        uint64_t request = 0;       // the evidence request in flight for this tenant (0: none)
        size_t request_covers = 0;  // the changes of `waiting` it was taken for (0: a top refresh)
        double next_top = 0;        // monotonic time of the next top refresh
        // The highest count seen while a first change waits for its evidence (no incident open
        // yet): the incident opened with that evidence takes it as its peak, so nothing is lost.
        uint64_t waiting_peak = 0;
    };

    void tick();
    void sync_tenants(double now);
    void sync_netns(Tenant& t, double now);
    void read_counts();
    void evaluate(Tenant& t, double now, double mono);
    void on_change(Tenant& t, Level previous, double now);
    void request_evidence(Tenant& t, bool for_changes);
    void take_results();
    void complete_changes(Tenant& t, size_t n, const Evidence& evidence);
    void refresh_tops(double mono);
    void run_actions(Tenant& t, const LevelEvent& event, bool exec);
    void apply_cap(Tenant& t, uint32_t per_source, Level level);
    void end_incident(Tenant& t, double now, const std::string& reason);
    void drop_tenant(const std::string& name, double now, const std::string& reason);
    void set_down(Tenant& t, const std::string& error);
    bool host_table_ready();
    void reload();
    void publish(double now, double took);
    void save(const Incident& incident);

    DaemonOptions options_;
    DaemonConfig config_;
    SnapshotStore& store_;
    std::map<std::string, Tenant> tenants_;
    std::optional<ConntrackSource> host_;  // the daemon's own namespace: host, zone, mark and CIDR tenants
    std::string host_error_;
    std::unique_ptr<HistoryWriter> writer_;
    std::unique_ptr<EvidenceWorker> evidence_;
    uint64_t last_request_ = 0;
    HookRunner hooks_;
    std::unique_ptr<MetricsServer> metrics_;
    uint64_t collect_errors_ = 0;
    uint64_t cap_failures_ = 0;
    uint64_t host_suspicious_ = 0;  // suspicious processes at the host's last level change
    bool processes_scanned_ = false;
    bool overrun_logged_ = false;
};

}  // namespace ctguard
