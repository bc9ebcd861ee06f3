#include <gtest/gtest.h>

#include "host/netns_discovery.hpp"

using namespace ctguard;

namespace {

void expect_container(std::string_view cgroup, const std::string& kind, const std::string& id) {
    auto c = container_from_cgroup(cgroup);
    EXPECT_EQ(c.kind, kind) << cgroup;
    EXPECT_EQ(c.id, id) << cgroup;
}

}  // namespace

TEST(NetnsDiscovery, NamesContainersFromTheirCgroup) {
    const std::string id64 = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    expect_container("0::/system.slice/docker-" + id64 + ".scope\n", "docker", "0123456789ab");
    expect_container("12:pids:/docker/" + id64 + "\n11:cpu:/docker/" + id64 + "\n", "docker", "0123456789ab");
    expect_container("0::/machine.slice/libpod-" + id64 + ".scope/container\n", "podman", "0123456789ab");
    expect_container("0::/machine.slice/libpod-conmon-" + id64 + ".scope\n", "", "");  // podman's monitor
    expect_container("0::/lxc.payload.web1/init.scope\n", "lxc", "web1");
    expect_container("5:memory:/lxc/db2\n", "lxc", "db2");
    expect_container("0::/machine.slice/machine-my\\x2dvm.scope/payload\n", "nspawn", "my-vm");
    expect_container(
        "0::/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod1a2b3c4d_5e6f_7a8b_9c0d_1e2f3a4b5c6d.slice/"
        "cri-containerd-" + id64 + ".scope\n",
        "k8s", "1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d");
    expect_container("4:cpu:/kubepods/besteffort/pod1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d/" + id64 + "\n", "k8s",
                     "1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d");
    expect_container("0::/user.slice/user-1000.slice/session-3.scope\n", "", "");
    expect_container("0::/system.slice/nginx.service\n", "", "");
    expect_container("garbage without colons\n::\n", "", "");
}
