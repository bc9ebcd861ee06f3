#pragma once
// Joins conntrack entries to local sockets, and so to processes (nethogs' chain: connection ->
// socket inode -> process). An entry is local when one of its tuples, read from either end,
// is a local socket's 5-tuple; unconnected UDP sockets and TCP listeners match on their bound
// address and port. Entries with no socket are "forwarded" when neither real endpoint is one of
// our addresses (routed or NATed through us), and "no socket" otherwise (the socket has closed,
// or a raw socket sent the packets).
#include <array>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "model/flow.hpp"
#include "model/process.hpp"

namespace ctguard {

struct FlowOwner {
    FlowOwnerKind kind = FlowOwnerKind::no_socket;
    int pid = 0;
    bool outbound = false;  // the process's socket is the original source (it opened the flow)
};

class FlowAttributor {
  public:
    FlowAttributor(const std::vector<SocketEntry>& sockets, const SocketOwners& owners,
                   std::vector<Cidr> local);
    FlowOwner owner(const Flow& flow) const;
    bool is_local(const IpAddr& a) const;

  private:
    // proto, family, local address and port, remote address and port, packed for hashing.
    struct Key {
        std::array<uint8_t, 38> bytes{};
        bool operator==(const Key& o) const { return bytes == o.bytes; }
    };
    struct KeyHash {
        size_t operator()(const Key& k) const;
    };
    static Key key(uint8_t proto, const IpAddr& local, uint16_t lport, const IpAddr* remote, uint16_t rport);
    int find(uint8_t proto, const IpAddr& local, uint16_t lport, const IpAddr& remote, uint16_t rport,
             bool bound) const;

    std::unordered_map<Key, int, KeyHash> connected_;  // full 5-tuple -> pid
    std::unordered_map<Key, int, KeyHash> bound_;      // listeners and unconnected UDP: local end -> pid
    std::vector<Cidr> local_;
};

// `top --by process` ids: the pid, or one of these for entries without a process.
inline constexpr uint32_t kOwnerForwarded = 0xffffffff;
inline constexpr uint32_t kOwnerNoSocket = 0xfffffffe;
uint32_t owner_id(const FlowOwner& o);
// "nginx[1234]", "(forwarded)" or "(no socket)"; `comm` is the process's name for a pid id.
std::string owner_label(uint32_t id, const std::string& comm);

}  // namespace ctguard
