#include <gtest/gtest.h>

#include "analysis/metrics_bound.hpp"

using namespace ctguard;

namespace {

TenantState tenant(const char* name, bool found, uint64_t count, Level level = Level::ok) {
    TenantState t;
    t.name = name;
    t.found = found;
    t.count = count;
    t.max = 262144;
    t.level = level;
    return t;
}

}  // namespace

TEST(MetricsBound, KeepsListedAndTheFullestFoundSumsTheRest) {
    std::vector<TenantState> tenants = {tenant("listed", false, 1), tenant("a", true, 10), tenant("b", true, 500),
                                        tenant("c", true, 30, Level::elevated), tenant("d", true, 200)};
    tenants[1].up = false;
    bound_found_tenants(tenants, 2);
    ASSERT_EQ(tenants.size(), 4u);
    EXPECT_EQ(tenants[0].name, "listed");  // a listed tenant is never folded, however small
    EXPECT_EQ(tenants[1].name, "b");
    EXPECT_EQ(tenants[2].name, "d");
    EXPECT_EQ(tenants[3].name, "(other)");
    EXPECT_EQ(tenants[3].count, 40u);              // c + a: the total stays right
    EXPECT_EQ(tenants[3].level, Level::elevated);  // the worst of them
    EXPECT_FALSE(tenants[3].up);                   // a is down
}

TEST(MetricsBound, FewFoundTenantsStayAsTheyAre) {
    std::vector<TenantState> tenants = {tenant("a", true, 10), tenant("host", false, 5)};
    bound_found_tenants(tenants, 2);
    ASSERT_EQ(tenants.size(), 2u);
    EXPECT_EQ(tenants[0].name, "a");
}

TEST(MetricsBound, ZeroKeepsNoFoundTenantOfItsOwn) {
    std::vector<TenantState> tenants = {tenant("a", true, 10), tenant("b", true, 5)};
    bound_found_tenants(tenants, 0);
    ASSERT_EQ(tenants.size(), 1u);
    EXPECT_EQ(tenants[0].name, "(other)");
    EXPECT_EQ(tenants[0].count, 15u);
}
