#include "netfilter/proc_conntrack.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "lib/text.hpp"
#include "lib/unique_fd.hpp"

namespace ctguard {

namespace {

// One line, as net/netfilter/nf_conntrack_standalone.c ct_seq_show() prints it:
//   ipv4     2 tcp      6 431999 ESTABLISHED src=198.18.0.1 dst=198.18.0.2 sport=40000 dport=80
//   [packets=3 bytes=180] [UNREPLIED] src=198.18.0.2 dst=198.18.0.1 sport=80 dport=40000 [packets=..
//   bytes=..] [OFFLOAD|HW_OFFLOAD] [ASSURED] mark=0 [secctx=..] [zone=N] [delta-time=N] use=2
// ICMP tuples carry type= code= id= instead of ports. "use=" always ends the line, so a line
// without it was cut short.
class Tokens {
  public:
    explicit Tokens(std::string_view s) : s_(s) {}
    bool next(std::string_view& tok) {
        while (pos_ < s_.size() && s_[pos_] == ' ') ++pos_;
        if (pos_ >= s_.size()) return false;
        size_t end = s_.find(' ', pos_);
        if (end == std::string_view::npos) end = s_.size();
        tok = s_.substr(pos_, end - pos_);
        pos_ = end;
        return true;
    }

  private:
    std::string_view s_;
    size_t pos_ = 0;
};

bool parse_addr(std::string_view text, uint8_t family, IpAddr& out) {
    char buf[INET6_ADDRSTRLEN];
    if (text.size() >= sizeof buf) return false;
    std::memcpy(buf, text.data(), text.size());
    buf[text.size()] = 0;
    out.family = family;
    return inet_pton(family, buf, out.bytes.data()) == 1;
}

template <class T>
bool parse_num(std::string_view text, T& out) {
    auto v = parse_u64(text, static_cast<uint64_t>(static_cast<T>(~T{0})));
    if (!v) return false;
    out = static_cast<T>(*v);
    return true;
}

}  // namespace

bool parse_proc_conntrack_line(std::string_view line, Flow& out) {
    out = Flow{};
    Tokens t(line);
    std::string_view tok;
    if (!t.next(tok)) return false;
    if (tok == "ipv4")
        out.family = AF_INET;
    else if (tok == "ipv6")
        out.family = AF_INET6;
    else
        return false;
    if (!t.next(tok)) return false;  // l3 number
    if (!t.next(tok)) return false;  // l4 name
    if (!t.next(tok) || !parse_num(tok, out.proto)) return false;
    if (!t.next(tok) || !parse_num(tok, out.timeout)) return false;

    int dir = 0;  // 0 before any tuple, 1 original, 2 reply
    bool seen_reply_flag = true;
    bool complete = false;
    bool have[2][2] = {};  // [dir][src,dst]
    while (t.next(tok)) {
        if (tok.front() == '[') {
            if (tok == "[UNREPLIED]")
                seen_reply_flag = false;
            else if (tok == "[ASSURED]")
                out.status |= kStatusAssured;
            else if (tok == "[OFFLOAD]")
                out.status |= kStatusOffload;
            else if (tok == "[HW_OFFLOAD]")
                out.status |= kStatusHwOffload;
            continue;
        }
        auto eq = tok.find('=');
        if (eq == std::string_view::npos) {
            if (dir != 0) return false;
            auto s = state_number(out.proto, tok);
            if (!s) return false;
            out.state = *s;
            continue;
        }
        std::string_view key = tok.substr(0, eq), val = tok.substr(eq + 1);
        if (key == "src") {
            if (++dir > 2) return false;
        }
        Tuple& tuple = dir == 2 ? out.reply : out.orig;
        Counters& counters = dir == 2 ? out.reply_counters : out.orig_counters;
        bool ok = true;
        if (key == "src") {
            ok = parse_addr(val, out.family, tuple.src);
            have[dir - 1][0] = ok;
        } else if (key == "dst") {
            ok = dir > 0 && parse_addr(val, out.family, tuple.dst);
            if (ok) have[dir - 1][1] = true;
        } else if (key == "sport")
            ok = parse_num(val, tuple.sport);
        else if (key == "dport")
            ok = parse_num(val, tuple.dport);
        else if (key == "type")
            ok = parse_num(val, tuple.icmp_type);
        else if (key == "code")
            ok = parse_num(val, tuple.icmp_code);
        else if (key == "id")
            ok = parse_num(val, tuple.icmp_id);
        else if (key == "packets") {
            ok = parse_num(val, counters.packets);
            out.has_counters = true;
        } else if (key == "bytes")
            ok = parse_num(val, counters.bytes);
        else if (key == "mark")
            ok = parse_num(val, out.mark);
        else if (key == "zone")
            ok = parse_num(val, out.zone);
        else if (key == "use") {
            ok = parse_num(val, out.use);
            complete = ok;
        }
        if (!ok || dir == 0) return false;
    }
    if (seen_reply_flag) out.status |= kStatusSeenReply;
    return complete && have[0][0] && have[0][1] && have[1][0] && have[1][1];
}

Result<ProcReadSummary> read_proc_conntrack(const std::string& path, uint8_t family, FlowSink& sink) {
    UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd.valid()) return Error::from_errno(path, errno);

    ProcReadSummary summary;
    Flow flow;
    std::vector<char> buf(1 << 20);
    size_t have = 0;
    uint64_t line_no = 0;
    auto handle = [&](std::string_view line) {
        ++line_no;
        if (line.empty()) return;
        if (!parse_proc_conntrack_line(line, flow)) {
            if (summary.malformed++ == 0) summary.first_bad_line = line_no;
            return;
        }
        if (family != 0 && flow.family != family) return;
        sink.on_flow(flow);
        ++summary.entries;
    };
    while (true) {
        ssize_t n = ::read(fd.get(), buf.data() + have, buf.size() - have);
        if (n < 0) {
            if (errno == EINTR) continue;
            return Error::from_errno(path, errno);
        }
        if (n == 0) break;
        have += static_cast<size_t>(n);
        size_t start = 0;
        for (size_t i = 0; i < have; ++i) {
            if (buf[i] == '\n') {
                handle(std::string_view(buf.data() + start, i - start));
                start = i + 1;
            }
        }
        std::memmove(buf.data(), buf.data() + start, have - start);
        have -= start;
        if (have == buf.size()) return Error::internal(path, "a line longer than 1 MiB");
    }
    if (have > 0) handle(std::string_view(buf.data(), have));  // last line without newline: cut short
    return summary;
}

}  // namespace ctguard
