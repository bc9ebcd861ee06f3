#include "report/list_render.hpp"

#include <netinet/in.h>

#include <iterator>

#include "lib/json_text.hpp"
#include "lib/text.hpp"

namespace ctguard {

namespace {

void append_ip(fmt::memory_buffer& b, const IpAddr& a) {
    char tmp[64];
    size_t n = format_ip(a, tmp);
    b.append(tmp, tmp + n);
}

bool is_icmp(uint8_t proto) {
    return proto == IPPROTO_ICMP || proto == IPPROTO_ICMPV6;
}

// Endpoint fields of one direction: "src":"..","dst":"..","sport":N,"dport":N (or icmp fields).
void append_tuple(fmt::memory_buffer& b, const Flow& f, const Tuple& t) {
    fmt::format_to(std::back_inserter(b), "\"src\":\"");
    append_ip(b, t.src);
    fmt::format_to(std::back_inserter(b), "\",\"dst\":\"");
    append_ip(b, t.dst);
    b.push_back('"');
    if (f.has_ports()) {
        fmt::format_to(std::back_inserter(b), ",\"sport\":{},\"dport\":{}", t.sport, t.dport);
    } else {
        fmt::format_to(std::back_inserter(b), ",\"sport\":null,\"dport\":null");
    }
    if (is_icmp(f.proto)) {
        fmt::format_to(std::back_inserter(b), ",\"icmp_type\":{},\"icmp_code\":{},\"icmp_id\":{}",
                       t.icmp_type, t.icmp_code, t.icmp_id);
    }
}

std::string status_flags(const Flow& f) {
    std::string s;
    auto add = [&](const char* name) {
        if (!s.empty()) s += ',';
        s += name;
    };
    if (f.unreplied()) add("UNREPLIED");
    if (f.assured()) add("ASSURED");
    if (f.status & kStatusSrcNat) add("SNAT");
    if (f.status & kStatusDstNat) add("DNAT");
    if (f.status & (kStatusOffload | kStatusHwOffload)) add("OFFLOAD");
    return s;
}

std::string port_text(const Flow& f, const Tuple& t, bool source) {
    if (f.has_ports()) return std::to_string(source ? t.sport : t.dport);
    if (is_icmp(f.proto))
        return source ? fmt::format("type={}", t.icmp_type) : fmt::format("id={}", t.icmp_id);
    return "-";
}

}  // namespace

JsonListWriter::JsonListWriter(std::FILE* out) : out_(out) {
    fmt::format_to(std::back_inserter(buf_), "{{\"entries\":[");
}

JsonListWriter::~JsonListWriter() {
    finish();
}

void JsonListWriter::add(const Flow& f) {
    if (!first_) buf_.push_back(',');
    first_ = false;
    auto out = std::back_inserter(buf_);
    buf_.push_back('{');
    if (netns_) fmt::format_to(out, "\"netns\":{},", json_text(nlohmann::json(*netns_)));
    fmt::format_to(
        out, "\"family\":\"{}\",\"proto\":\"{}\",", f.family == AF_INET6 ? "ipv6" : "ipv4",
        proto_name(f.proto) == "unknown" ? std::to_string(f.proto) : std::string(proto_name(f.proto)));
    append_tuple(buf_, f, f.orig);
    const char* state = state_name(f.proto, f.state);
    if (state)
        fmt::format_to(out, ",\"state\":\"{}\"", state);
    else
        fmt::format_to(out, ",\"state\":null");
    fmt::format_to(out, ",\"timeout\":{},\"mark\":{},\"zone\":{},\"id\":{},\"flags\":[", f.timeout, f.mark,
                   f.zone, f.id);
    std::string flags = status_flags(f);
    bool first_flag = true;
    for (auto flag : split(flags, ',')) {
        if (flag.empty()) continue;
        fmt::format_to(out, "{}\"{}\"", first_flag ? "" : ",", flag);
        first_flag = false;
    }
    fmt::format_to(out, "],\"reply\":{{");
    append_tuple(buf_, f, f.reply);
    buf_.push_back('}');
    if (f.has_counters) {
        fmt::format_to(out,
                       ",\"counters\":{{\"orig\":{{\"packets\":{},\"bytes\":{}}},\"reply\":{{\"packets\":{},"
                       "\"bytes\":{}}}}}",
                       f.orig_counters.packets, f.orig_counters.bytes, f.reply_counters.packets,
                       f.reply_counters.bytes);
    }
    buf_.push_back('}');
    if (buf_.size() > (1 << 16)) flush();
}

void JsonListWriter::finish(const std::string& extra_fields) {
    if (finished_) return;
    finished_ = true;
    fmt::format_to(std::back_inserter(buf_), "]{}{}}}\n", extra_fields.empty() ? "" : ",", extra_fields);
    flush();
    std::fflush(out_);
}

void JsonListWriter::flush() {
    std::fwrite(buf_.data(), 1, buf_.size(), out_);
    buf_.clear();
}

namespace {

std::vector<TextTable::Column> list_columns(bool with_netns) {
    std::vector<TextTable::Column> columns = {{"PROTO"},
                                              {"SRC"},
                                              {"SPORT", TextTable::Align::right},
                                              {"DST"},
                                              {"DPORT", TextTable::Align::right},
                                              {"STATE"},
                                              {"TIMEOUT", TextTable::Align::right},
                                              {"MARK", TextTable::Align::right},
                                              {"ZONE", TextTable::Align::right},
                                              {"FLAGS"}};
    if (with_netns) columns.insert(columns.begin(), {"NETNS"});
    return columns;
}

}  // namespace

TextListWriter::TextListWriter(bool with_netns) : with_netns_(with_netns), table_(list_columns(with_netns)) {}

void TextListWriter::add(const Flow& f) {
    const char* state = state_name(f.proto, f.state);
    std::vector<std::string> row = {
        std::string(proto_name(f.proto) == "unknown" ? std::to_string(f.proto) : proto_name(f.proto)),
        to_string(f.orig.src), port_text(f, f.orig, true), to_string(f.orig.dst),
        port_text(f, f.orig, false), state ? state : "-", std::to_string(f.timeout),
        fmt::format("{:#x}", f.mark), std::to_string(f.zone), status_flags(f)};
    if (with_netns_) row.insert(row.begin(), netns_);
    table_.add_row(std::move(row));
}

}  // namespace ctguard
