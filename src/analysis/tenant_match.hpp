#pragma once
// Which entries belong to a zone, mark or CIDR tenant. These tenants share the host's table, so one
// dump per interval counts them all.
#include <cstdint>
#include <vector>

#include "model/daemon_config.hpp"
#include "model/flow_sink.hpp"

namespace ctguard {

// zone: the entry's zone; mark: (mark & mask) == value; cidr: original source or destination inside.
// Host and namespace tenants own their whole table: every entry matches.
bool tenant_matches(const TenantSpec& tenant, const Flow& flow);

// Counts the entries of many tenants in one pass (an entry may belong to several).
class TenantCounter : public FlowSink {
  public:
    explicit TenantCounter(std::vector<const TenantSpec*> tenants)
        : tenants_(std::move(tenants)), counts_(tenants_.size(), 0) {}
    void on_flow(const Flow& flow) override;
    const std::vector<uint64_t>& counts() const { return counts_; }

  private:
    std::vector<const TenantSpec*> tenants_;
    std::vector<uint64_t> counts_;
};

// Passes on only one tenant's entries (evidence for a tenant that shares the host table).
class TenantFilterSink : public FlowSink {
  public:
    TenantFilterSink(const TenantSpec& tenant, FlowSink& next) : tenant_(tenant), next_(next) {}
    void on_flow(const Flow& flow) override {
        if (tenant_matches(tenant_, flow)) next_.on_flow(flow);
    }

  private:
    const TenantSpec& tenant_;
    FlowSink& next_;
};

}  // namespace ctguard
