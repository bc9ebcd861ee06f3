#include "host/interfaces.hpp"

#include <net/if.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstring>
#include <memory>

#include "lib/unique_fd.hpp"

namespace ctguard {

Result<std::vector<Interface>> read_interfaces() {
    UniqueFd sock(::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0));
    if (!sock.valid()) return Error::from_errno("socket", errno);
    std::unique_ptr<struct if_nameindex, decltype(&if_freenameindex)> list(if_nameindex(), &if_freenameindex);
    if (!list) return Error::from_errno("if_nameindex", errno);
    std::vector<Interface> out;
    for (const struct if_nameindex* i = list.get(); i->if_index != 0; ++i) {
        ifreq req{};
        std::strncpy(req.ifr_name, i->if_name, IFNAMSIZ - 1);
        // An interface that vanished between the two calls is skipped.
        if (::ioctl(sock.get(), SIOCGIFMTU, &req) != 0) continue;
        Interface itf;
        itf.name = i->if_name;
        itf.mtu = static_cast<uint32_t>(req.ifr_mtu);
        if (::ioctl(sock.get(), SIOCGIFFLAGS, &req) != 0) continue;
        itf.up = (req.ifr_flags & IFF_UP) != 0;
        itf.loopback = (req.ifr_flags & IFF_LOOPBACK) != 0;
        out.push_back(std::move(itf));
    }
    return out;
}

}  // namespace ctguard
