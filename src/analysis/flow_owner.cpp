#include "analysis/flow_owner.hpp"

#include <netinet/in.h>

#include <cstring>
#include <string_view>

namespace ctguard {

namespace {

bool is_any(const IpAddr& a) {
    for (size_t i = 0; i < a.size(); ++i) {
        if (a.bytes[i] != 0) return false;
    }
    return true;
}

IpAddr any_of(uint8_t family) {
    IpAddr a;
    a.family = family;
    return a;
}

}  // namespace

size_t FlowAttributor::KeyHash::operator()(const Key& k) const {
    return std::hash<std::string_view>()(
        std::string_view(reinterpret_cast<const char*>(k.bytes.data()), k.bytes.size()));
}

FlowAttributor::Key FlowAttributor::key(uint8_t proto, const IpAddr& local, uint16_t lport,
                                        const IpAddr* remote, uint16_t rport) {
    // Only an address's used bytes: a reused Flow may hold stale bytes past an IPv4 address.
    Key k;
    k.bytes[0] = proto;
    k.bytes[1] = local.family;
    std::memcpy(&k.bytes[2], local.bytes.data(), local.size());
    std::memcpy(&k.bytes[18], &lport, 2);
    if (remote) {
        std::memcpy(&k.bytes[20], remote->bytes.data(), remote->size());
        std::memcpy(&k.bytes[36], &rport, 2);
    }
    return k;
}

FlowAttributor::FlowAttributor(const std::vector<SocketEntry>& sockets, const SocketOwners& owners,
                               std::vector<Cidr> local)
    : local_(std::move(local)) {
    for (const auto& s : sockets) {
        auto holder = owners.holder.find(s.inode);
        if (holder == owners.holder.end()) continue;  // nobody we can see holds it
        bool connected = s.state != SocketEntry::kTcpListen && (s.remote_port != 0 || !is_any(s.remote));
        if (connected) {
            connected_.emplace(key(s.proto, s.local, s.local_port, &s.remote, s.remote_port), holder->second);
        } else {
            bound_.emplace(key(s.proto, s.local, s.local_port, nullptr, 0), holder->second);
        }
    }
}

bool FlowAttributor::is_local(const IpAddr& a) const {
    for (const auto& c : local_) {
        if (c.contains(a)) return true;
    }
    return false;
}

int FlowAttributor::find(uint8_t proto, const IpAddr& local, uint16_t lport, const IpAddr& remote,
                         uint16_t rport, bool bound) const {
    if (!bound) {
        auto it = connected_.find(key(proto, local, lport, &remote, rport));
        return it == connected_.end() ? 0 : it->second;
    }
    if (!is_local(local)) return 0;
    // The exact address, then the wildcard of its family, then an IPv6 wildcard (dual-stack sockets
    // take IPv4 too).
    for (const IpAddr& a : {local, any_of(local.family), any_of(AF_INET6)}) {
        auto it = bound_.find(key(proto, a, lport, nullptr, 0));
        if (it != bound_.end()) return it->second;
    }
    return 0;
}

FlowOwner FlowAttributor::owner(const Flow& f) const {
    if (f.proto != IPPROTO_TCP && f.proto != IPPROTO_UDP) {
        bool local = is_local(f.orig.src) || is_local(f.reply.src);
        return {local ? FlowOwnerKind::no_socket : FlowOwnerKind::forwarded, 0, false};
    }
    // Each tuple read from each end: (local, remote, outbound). Orig source first, so a flow between
    // two local sockets belongs to the one that opened it; the reply tuple covers NAT (after DNAT the
    // real local server is the reply source; after SNAT our translated address is the reply destination).
    struct View {
        const IpAddr& local;
        uint16_t lport;
        const IpAddr& remote;
        uint16_t rport;
        bool outbound;
    };
    const View views[] = {{f.orig.src, f.orig.sport, f.orig.dst, f.orig.dport, true},
                          {f.orig.dst, f.orig.dport, f.orig.src, f.orig.sport, false},
                          {f.reply.src, f.reply.sport, f.reply.dst, f.reply.dport, false},
                          {f.reply.dst, f.reply.dport, f.reply.src, f.reply.sport, true}};
    for (bool bound : {false, true}) {
        for (const auto& v : views) {
            if (int pid = find(f.proto, v.local, v.lport, v.remote, v.rport, bound)) {
                return {FlowOwnerKind::process, pid, v.outbound};
            }
        }
    }
    // The real endpoints are the original source and the reply source (the original destination may
    // be a NAT address of ours that forwards elsewhere).
    bool local = is_local(f.orig.src) || is_local(f.reply.src);
    return {local ? FlowOwnerKind::no_socket : FlowOwnerKind::forwarded, 0, false};
}

uint32_t owner_id(const FlowOwner& o) {
    switch (o.kind) {
        case FlowOwnerKind::process:
            return static_cast<uint32_t>(o.pid);
        case FlowOwnerKind::forwarded:
            return kOwnerForwarded;
        case FlowOwnerKind::no_socket:
            return kOwnerNoSocket;
    }
    return kOwnerNoSocket;
}

std::string owner_label(uint32_t id, const std::string& comm) {
    if (id == kOwnerForwarded) return "(forwarded)";
    if (id == kOwnerNoSocket) return "(no socket)";
    return (comm.empty() ? std::string("?") : comm) + "[" + std::to_string(id) + "]";
}

}  // namespace ctguard
