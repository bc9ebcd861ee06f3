#include "analysis/tenant_match.hpp"

namespace ctguard {

bool tenant_matches(const TenantSpec& tenant, const Flow& flow) {
    switch (tenant.kind) {
        case TenantKind::zone:
            return flow.zone == tenant.zone;
        case TenantKind::mark:
            return (flow.mark & tenant.mark.mask) == tenant.mark.value;
        case TenantKind::cidr:
            for (const auto& c : tenant.cidrs) {
                if (c.contains(flow.orig.src) || c.contains(flow.orig.dst)) return true;
            }
            return false;
        case TenantKind::host:
        case TenantKind::netns:
        case TenantKind::netns_glob:
        case TenantKind::netns_discover:
            return true;
    }
    return false;
}

void TenantCounter::on_flow(const Flow& flow) {
    for (size_t i = 0; i < tenants_.size(); ++i) {
        if (tenant_matches(*tenants_[i], flow)) ++counts_[i];
    }
}

}  // namespace ctguard
