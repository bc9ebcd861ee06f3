#pragma once
// Socket tables in /proc/net: tcp, tcp6, udp, udp6 (the fallback for sock_diag, and the only source
// in a --root tree), and raw, raw6, packet (this kernel may lack raw sock_diag: CONFIG_INET_RAW_DIAG).
#include <string>
#include <string_view>
#include <vector>

#include "lib/root_dir.hpp"
#include "model/process.hpp"

namespace ctguard {

// One data line of /proc/net/{tcp,udp,raw}[6] (net/ipv4/tcp_ipv4.c get_tcp4_sock()):
//   "   0: 0100007F:0277 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 12345 1 ..."
//   sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode ...
// Addresses are the raw network-order words printed with %08X (so 127.0.0.1 reads 0100007F here);
// IPv6 uses four such words. `family` says which the file holds.
bool parse_proc_net_inet_line(std::string_view line, uint8_t family, uint8_t proto, SocketEntry& out);

// One data line of /proc/net/packet (net/packet/af_packet.c packet_seq_show()):
//   "ffff8880045e5000 3 3 0003 2 1 0 0 23456"
//   sk RefCnt Type Proto Iface R Rmem User Inode
// Returns the inode, 0 for a malformed line.
uint64_t parse_proc_net_packet_line(std::string_view line);

// tcp, tcp6, udp, udp6 of the current network namespace. Missing files (no IPv6) are skipped.
std::vector<SocketEntry> read_proc_net_inet(const RootDir& root);
// raw, raw6 and packet sockets of the current network namespace.
std::vector<RawSocket> read_raw_sockets(const RootDir& root);

}  // namespace ctguard
