#pragma once
// The tenants the daemon watches and the tables they are read from: the listed tenants and the
// namespaces netns globs find (re-scanned every interval), each namespace through a socket of its
// own, and the daemon's own table, which host, zone, mark and CIDR tenants share. Readings go to
// each tenant's monitor; what it decides goes to the EffectRunner.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "analysis/reload_plan.hpp"
#include "daemon/effect_runner.hpp"
#include "daemon/live_service.hpp"
#include "daemon/tenant.hpp"
#include "model/fleet.hpp"
#include "netfilter/conntrack_source.hpp"

namespace ctguard {

class TenantSet {
  public:
    explicit TenantSet(RootDir root) : root_(std::move(root)) {}

    // Starts watching configured tenants and namespaces that globs match now, stops watching glob
    // members whose namespace vanished, and (re)opens namespaces: one that was re-created under the
    // same name is a new table, not the one its incident was about.
    void sync(const DaemonConfig& config, double now, EffectRunner& run);
    // Reads every tenant's table (O(1) figures, plus one dump of the daemon's table for all zone,
    // mark and CIDR tenants), then feeds each monitor its reading. Returns the monotonic time the
    // readings count as taken at: once the last one is done.
    double read(double now, EffectRunner& run);
    // Asks for the top-N refreshes that are due.
    void refresh_tops(double mono, EffectRunner& run);
    // Stops watching one tenant (its incident ends with `reason`), or every tenant.
    void drop(const std::string& name, double now, const std::string& reason, EffectRunner& run);
    void end_all(double now, const std::string& reason, EffectRunner& run);

    Tenant* find(const std::string& name);
    std::vector<RunningTenant> running() const;
    std::vector<TenantState> states() const;
    std::vector<const Incident*> open_incidents() const;
    // The tables to keep live: the daemon's own when a tenant counts in it, and the namespaces'
    // that `config` wants live (live_table = true) and that are open now.
    std::vector<LiveWant> live_tables(const DaemonConfig& config) const;
    uint64_t collect_errors() const { return collect_errors_; }

  private:
    void sync_globs(const DaemonConfig& config, double now, EffectRunner& run);
    void sync_netns(Tenant& t, double now, EffectRunner& run);
    // The daemon's own table's readings for `tenants` (host, zone, mark and CIDR ones).
    std::vector<Sample> read_host(const std::vector<Tenant*>& tenants);
    bool host_table_ready();
    void feed(Tenant& t, const Sample& sample, EffectRunner& run);

    const RootDir root_;
    std::map<std::string, Tenant> tenants_;
    std::optional<ConntrackSource> host_;  // the daemon's own namespace: opened when first needed
    std::string host_error_;
    uint64_t collect_errors_ = 0;  // failed readings since the start
};

}  // namespace ctguard
