// The other /proc/net and /proc files the kernel formats: socket tables (tcp, udp, raw, packet, both
// families), the local addresses (fib_trie, if_inet6), the per-CPU conntrack statistics and slabinfo.
#include <linux/in.h>
#include <sys/socket.h>

#include <string_view>

#include "host/local_addresses.hpp"
#include "host/proc_net_sockets.hpp"
#include "host/proc_stat.hpp"
#include "lib/text.hpp"
#include "netfilter/slabinfo.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace ctguard;
    std::string_view text(reinterpret_cast<const char*>(data), size);
    for (auto line : split(text, '\n')) {
        SocketEntry s;
        parse_proc_net_inet_line(line, AF_INET, IPPROTO_TCP, s);
        parse_proc_net_inet_line(line, AF_INET6, IPPROTO_UDP, s);
        parse_proc_net_packet_line(line);
    }
    parse_fib_trie_local(text);
    parse_if_inet6(text);
    (void)parse_proc_stat(text);
    parse_slab_object_size(text, "nf_conntrack");
    return 0;
}
