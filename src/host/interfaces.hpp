#pragma once
// The network interfaces of the calling thread's namespace, with their MTU (SYNPROXY's MSS).
// Asked of the kernel through a socket, not /sys/class/net, which shows the namespace sysfs was
// mounted in rather than the one --netns entered.
#include <vector>

#include "lib/result.hpp"
#include "model/shield.hpp"

namespace ctguard {

Result<std::vector<Interface>> read_interfaces();

}  // namespace ctguard
