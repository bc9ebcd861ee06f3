#pragma once
// What a reload (SIGHUP) changes, decided before anything is touched: which running tenants go,
// which stay with new thresholds or `for`, and which daemon-wide settings changed. Tenants that
// stay keep their level, incident and the evidence under way; new tenants are found by the next
// interval, as at start.
#include <string>
#include <vector>

#include "model/daemon_config.hpp"

namespace ctguard {

struct RunningTenant {
    std::string name;
    std::string glob;  // the finder (netns glob or discovery) that found it; "" for a listed tenant
    TenantSpec spec;   // a glob member's: the glob's, named and pointed at its namespace
};

struct Retune {
    std::string name;
    Thresholds thresholds;
    double recover_after = 30;
};

struct ReloadPlan {
    std::vector<std::string> removed;  // no longer in the configuration: their incidents end
    std::vector<Retune> retuned;       // staying, with other thresholds or `for`
    bool reopen_history = false;       // another database or retention
    bool listen_changed = false;       // /metrics stays where it is until a restart
};

// A listed tenant stays while a tenant of the same name reads the same entries; a glob member
// while its glob is still configured and no listed tenant took its name.
ReloadPlan plan_reload(const std::vector<RunningTenant>& running, const DaemonConfig& current,
                       const DaemonConfig& next);

}  // namespace ctguard
