#include "host/proc_stat.hpp"

#include <cerrno>
#include <charconv>
#include <vector>

#include "lib/text.hpp"

namespace ctguard {

namespace {

std::vector<std::string_view> words(std::string_view line) {
    std::vector<std::string_view> out;
    for (auto w : split(line, ' ')) {
        if (!w.empty()) out.push_back(w);
    }
    return out;
}

uint64_t* field_for(CpuStats& s, std::string_view name) {
    if (name == "found") return &s.found;
    if (name == "invalid") return &s.invalid;
    if (name == "insert") return &s.insert;
    if (name == "insert_failed") return &s.insert_failed;
    if (name == "drop") return &s.drop;
    if (name == "early_drop") return &s.early_drop;
    if (name == "icmp_error") return &s.error;
    if (name == "search_restart") return &s.search_restart;
    if (name == "clashres") return &s.clash_resolve;
    if (name == "chaintoolong") return &s.chain_toolong;
    return nullptr;
}

}  // namespace

// Format (net/netfilter/nf_conntrack_standalone.c ct_cpu_seq_show): a header line of column names,
//   entries  clashres found new invalid ignore delete chainlength insert insert_failed drop ...
// then one line per possible CPU, every value as 8 hex digits:
//   00000005  00000000 00000000 00000000 00000000 ...
Result<CpuStats> parse_proc_stat(std::string_view text) {
    auto lines = split(text, '\n');
    if (lines.empty()) return Error::internal("/proc/net/stat/nf_conntrack", "empty");
    auto header = words(lines[0]);
    if (header.empty() || header[0] != "entries") {
        return Error::internal("/proc/net/stat/nf_conntrack", "unexpected header");
    }
    CpuStats s;
    for (size_t i = 1; i < lines.size(); ++i) {
        auto cols = words(lines[i]);
        if (cols.empty()) continue;
        if (cols.size() != header.size()) {
            return Error::internal("/proc/net/stat/nf_conntrack",
                                   "line " + std::to_string(i + 1) + " is cut short");
        }
        for (size_t c = 0; c < cols.size(); ++c) {
            uint64_t v = 0;
            auto [p, ec] = std::from_chars(cols[c].data(), cols[c].data() + cols[c].size(), v, 16);
            if (ec != std::errc() || p != cols[c].data() + cols[c].size()) {
                return Error::internal("/proc/net/stat/nf_conntrack",
                                       "bad number '" + std::string(cols[c]) + "'");
            }
            if (uint64_t* f = field_for(s, header[c])) *f += v;
        }
        ++s.cpus;
    }
    return s;
}

Result<CpuStats> read_proc_stat(const std::string& path) {
    auto text = read_small_file(path);
    if (!text) return Error::from_errno(path, errno);
    return parse_proc_stat(*text);
}

}  // namespace ctguard
