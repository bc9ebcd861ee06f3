#pragma once
// A tenant the daemon watches: the decisions about it (TenantMonitor, no I/O) and the table they
// are about.
#include <optional>
#include <string>
#include <utility>

#include "analysis/tenant_monitor.hpp"
#include "netfilter/conntrack_source.hpp"

namespace ctguard {

struct Tenant {
    // A glob member's spec is the glob's, named and pointed at its namespace.
    explicit Tenant(TenantSpec spec, std::string glob = {})
        : monitor(std::move(spec)), glob(std::move(glob)) {}

    const TenantSpec& spec() const { return monitor.spec(); }
    const std::string& name() const { return monitor.spec().name; }

    TenantMonitor monitor;
    std::string glob;                      // the finder (TenantSpec::finder) that found it; "" if listed
    std::optional<ConntrackSource> table;  // netns tenants, while the namespace is open
    unsigned open_failures = 0;            // attempts to open its namespace since it was last open
    // A pid:N tenant's namespace, the first one opened: once that process is gone, its PID may be
    // reused by a process of another namespace (the host's), which is not this tenant.
    std::optional<NetnsId> pinned;
};

}  // namespace ctguard
