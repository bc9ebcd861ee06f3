#pragma once
// The daemon loop (`ctguard daemon --config FILE`): every interval it finds and reads the tenants
// (TenantSet), whose monitors move levels with hysteresis and decide what a change needs; the
// EffectRunner carries that out (caps, hooks, evidence taken on other threads, history). One
// FleetSnapshot per interval goes to the SnapshotStore, which /metrics serves. SIGTERM/SIGINT stop
// it cleanly, SIGHUP reloads the configuration.
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "daemon/effect_runner.hpp"
#include "daemon/live_service.hpp"
#include "daemon/metrics_server.hpp"
#include "daemon/snapshot_store.hpp"
#include "daemon/tenant_set.hpp"
#include "host/kernel_log.hpp"
#include "model/daemon_config.hpp"

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
    Result<void> start();
    void tick();
    void take_results();
    void reload();
    void publish(double now, double took);
    void follow_kernel_log();
    void stop();

    DaemonOptions options_;
    DaemonConfig config_;  // before runner_, which reads it
    SnapshotStore& store_;
    EffectRunner runner_;
    TenantSet tenants_;
    std::unique_ptr<MetricsServer> metrics_;
    std::unique_ptr<LiveService> live_;  // the live tables and their socket; null when turned off
    uint64_t host_suspicious_ = 0;  // suspicious processes at the host's last level change
    bool processes_scanned_ = false;
    bool overrun_logged_ = false;
    std::optional<KernelLogFollower> kmsg_;           // nullopt: the kernel log cannot be read
    std::map<std::string, uint64_t> kernel_log_lines_;  // conntrack lines since start, by kind
    // The kernel log's conntrack lines since boot (read at start, then followed), the uptime and the
    // hypervisor: what the live service's `status` answers say of drops. Guarded by drop_mu_.
    std::mutex drop_mu_;
    DropReport drop_facts_;
};

}  // namespace ctguard
