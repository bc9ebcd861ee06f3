#include "daemon/live_entries_wire.hpp"

#include <nlohmann/json.hpp>

#include <cstring>

#include "daemon/live_protocol.hpp"

namespace ctguard {

namespace {

constexpr size_t kAddressBytes = 16;

class Writer {
  public:
    explicit Writer(unsigned char* p) : p_(p) {}
    void u8(uint8_t v) { *p_++ = v; }
    void u16(uint16_t v) {
        u8(static_cast<uint8_t>(v));
        u8(static_cast<uint8_t>(v >> 8));
    }
    void u32(uint32_t v) {
        u16(static_cast<uint16_t>(v));
        u16(static_cast<uint16_t>(v >> 16));
    }
    void address(const IpAddr& a) {
        std::memcpy(p_, a.bytes.data(), kAddressBytes);
        p_ += kAddressBytes;
    }
    void tuple(const Tuple& t) {
        u8(t.src.family);
        address(t.src);
        address(t.dst);
        u16(t.sport);
        u16(t.dport);
        u8(t.icmp_type);
        u8(t.icmp_code);
        u16(t.icmp_id);
    }

  private:
    unsigned char* p_;
};

class Reader {
  public:
    explicit Reader(const unsigned char* p) : p_(p) {}
    uint8_t u8() { return *p_++; }
    uint16_t u16() {
        const uint16_t lo = u8();
        return static_cast<uint16_t>(lo | u8() << 8);
    }
    uint32_t u32() {
        const uint32_t lo = u16();
        return lo | static_cast<uint32_t>(u16()) << 16;
    }
    // False when a byte past the family's size is set: IpAddr keeps those zero (entries are hashed
    // and compared as raw bytes).
    bool address(uint8_t family, IpAddr& a) {
        a.family = family;
        std::memcpy(a.bytes.data(), p_, kAddressBytes);
        p_ += kAddressBytes;
        for (size_t i = a.size(); i < kAddressBytes; ++i) {
            if (a.bytes[i] != 0) return false;
        }
        return true;
    }
    bool tuple(Tuple& t) {
        const uint8_t family = u8();
        if (family != 0 && family != AF_INET && family != AF_INET6) return false;
        const bool src = address(family, t.src);
        const bool dst = address(family, t.dst);
        t.sport = u16();
        t.dport = u16();
        t.icmp_type = u8();
        t.icmp_code = u8();
        t.icmp_id = u16();
        return src && dst;
    }

  private:
    const unsigned char* p_;
};

}  // namespace

std::string live_entries_header_line(const LiveEntriesHeader& header) {
    nlohmann::json j = {{"version", kLiveProtocol},          {"entries", header.entries},
                        {"record_bytes", kLiveEntryBytes},   {"resynced_ago", header.sync.ago_s},
                        {"sync_reason", header.sync.reason}, {"resyncs", header.sync.resyncs}};
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::optional<LiveEntriesHeader> parse_live_entries_header(std::string_view line) {
    if (line.size() > kMaxLiveEntriesHeader) return std::nullopt;
    const auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return std::nullopt;
    auto number = [&](const char* key) -> std::optional<uint64_t> {
        auto it = j.find(key);
        if (it == j.end() || !it->is_number_unsigned()) return std::nullopt;
        return it->get<uint64_t>();
    };
    const auto version = number("version"), entries = number("entries"), record = number("record_bytes");
    const auto ago = number("resynced_ago"), resyncs = number("resyncs");
    const auto reason = j.find("sync_reason");
    if (!version || *version != kLiveProtocol || !record || *record != kLiveEntryBytes || !entries ||
        *entries > kMaxLiveEntries || !ago || !resyncs || reason == j.end() || !reason->is_string())
        return std::nullopt;
    return LiveEntriesHeader{*entries, LiveSync{*ago, reason->get<std::string>(), *resyncs}};
}

void encode_live_entry(const Flow& flow, unsigned char* record) {
    Writer w(record);
    w.u8(flow.family);
    w.u8(flow.proto);
    w.u8(flow.state);
    w.u16(flow.zone);
    w.u32(flow.status);
    w.u32(flow.mark);
    w.u32(flow.id);
    w.tuple(flow.orig);
    w.tuple(flow.reply);
}

bool decode_live_entry(const unsigned char* record, Flow& flow) {
    Reader r(record);
    flow = Flow{};
    flow.family = r.u8();
    flow.proto = r.u8();
    flow.state = r.u8();
    flow.zone = r.u16();
    flow.status = r.u32();
    flow.mark = r.u32();
    flow.id = r.u32();
    const bool orig = r.tuple(flow.orig);
    const bool reply = r.tuple(flow.reply);
    return orig && reply && (flow.family == AF_INET || flow.family == AF_INET6) && flow.orig.src.family != 0;
}

std::optional<ReceivedEntries> ReceivedEntries::check(const LiveEntriesHeader& header, std::string records) {
    if (header.entries > kMaxLiveEntries || records.size() != header.entries * kLiveEntryBytes)
        return std::nullopt;
    const auto* p = reinterpret_cast<const unsigned char*>(records.data());
    Flow flow;
    for (size_t at = 0; at < records.size(); at += kLiveEntryBytes) {
        if (!decode_live_entry(p + at, flow)) return std::nullopt;
    }
    return ReceivedEntries(header.sync, std::move(records));
}

void ReceivedEntries::replay(FlowSink& sink) const {
    const auto* p = reinterpret_cast<const unsigned char*>(records_.data());
    Flow flow;
    for (size_t at = 0; at < records_.size(); at += kLiveEntryBytes) {
        decode_live_entry(p + at, flow);
        sink.on_flow(flow);
    }
}

}  // namespace ctguard
