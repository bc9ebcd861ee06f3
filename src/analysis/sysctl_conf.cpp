#include "analysis/sysctl_conf.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <utility>

#include "lib/text.hpp"

namespace ctguard {

namespace {

constexpr std::string_view kLegacyPrefix = "net/ipv4/netfilter/ip_conntrack";

struct AppliedLine {
    const ConfFile* file;
    SysctlLine line;
};

// Every line in the order `reader` applies it.
std::vector<AppliedLine> applied_lines(const SysctlConfig& config, SysctlReader reader) {
    std::vector<AppliedLine> out;
    auto add = [&](const ConfFile& f) {
        for (auto& l : parse_sysctl_text(f.text)) out.push_back({&f, std::move(l)});
    };
    for (const auto& f : config.files) add(f);
    if (reader == SysctlReader::system && config.sysctl_conf) add(*config.sysctl_conf);
    return out;
}

bool names_key(const SysctlLine& l, const SysctlKey& key) {
    return l.kind == SysctlLine::Kind::assignment &&
           std::find(key.aliases.begin(), key.aliases.end(), l.key) != key.aliases.end();
}

bool same_value(std::string_view a, std::string_view b) {
    auto na = parse_u64(a), nb = parse_u64(b);
    return na && nb ? *na == *nb : a == b;
}

std::string dotted(std::string_view slash_key) {
    std::string out(slash_key);
    std::replace(out.begin(), out.end(), '/', '.');
    return out;
}

SysctlConflict conflict_at(const AppliedLine& a, std::string problem, bool fixable) {
    std::string key =
        a.line.kind == SysctlLine::Kind::assignment ? dotted(a.line.key) : std::string(trim(a.line.text));
    return {a.file->real,       a.line.number, std::move(key), parse_u64(a.line.value),
            std::move(problem), fixable};
}

// A file read twice (/etc/sysctl.conf through the 99-sysctl.conf symlink and again by procps) must
// not report its lines twice.
void add_once(std::vector<SysctlConflict>& out, std::set<std::pair<std::string, unsigned>>& seen,
              SysctlConflict c) {
    if (seen.emplace(c.file, c.line).second) out.push_back(std::move(c));
}

}  // namespace

std::vector<SysctlLine> parse_sysctl_text(std::string_view text) {
    std::vector<SysctlLine> out;
    if (text.empty()) return out;
    unsigned number = 0;
    for (std::string_view raw : split(text, '\n')) {
        ++number;
        SysctlLine l;
        l.number = number;
        l.text = std::string(raw);
        std::string_view s = trim(raw);
        if (s.empty() || s.front() == '#' || s.front() == ';') {
            out.push_back(std::move(l));
            continue;
        }
        auto eq = s.find('=');
        if (eq == std::string_view::npos) {
            l.kind = s.front() == '-' ? SysctlLine::Kind::ignored : SysctlLine::Kind::broken;
            out.push_back(std::move(l));
            continue;
        }
        std::string_view key = trim(s.substr(0, eq));
        if (key.starts_with('-')) key = trim(key.substr(1));
        if (key.empty()) {
            l.kind = SysctlLine::Kind::broken;
        } else {
            l.kind = SysctlLine::Kind::assignment;
            l.key = sysctl_key_path(key);
            l.value = std::string(trim(s.substr(eq + 1)));
        }
        out.push_back(std::move(l));
    }
    // split() yields an empty last piece after a final newline: not a line of the file.
    if (!out.empty() && text.ends_with('\n')) out.pop_back();
    return out;
}

std::string sysctl_key_path(std::string_view key) {
    std::string out(key);
    auto first = out.find_first_of("./");
    if (first != std::string::npos && out[first] == '.') {
        for (char& c : out) {
            if (c == '.')
                c = '/';
            else if (c == '/')
                c = '.';
        }
    }
    return out;
}

std::optional<Assignment> effective_assignment(const SysctlConfig& config, const SysctlKey& key,
                                               SysctlReader reader) {
    // systemd-sysctl writes only the last assignment of a key, so an invalid last value leaves the kernel
    // default; procps writes every line in turn, so an invalid one leaves the previous value standing.
    std::optional<Assignment> last;
    for (auto& a : applied_lines(config, reader)) {
        if (!names_key(a.line, key)) continue;
        if (reader == SysctlReader::boot || parse_u64(a.line.value))
            last = Assignment{a.file, std::move(a.line)};
    }
    return last;
}

std::vector<SysctlConflict> key_conflicts(const SysctlConfig& config, const SysctlKey& key,
                                          std::string_view ours) {
    // The boot order is a prefix of the `sysctl --system` order: one pass over the longer one sees both.
    const auto lines = applied_lines(config, SysctlReader::system);
    size_t boot_lines = 0;
    for (const auto& f : config.files) boot_lines += parse_sysctl_text(f.text).size();

    std::vector<SysctlConflict> out;
    std::set<std::pair<std::string, unsigned>> seen;
    const std::string name = key.aliases.front().substr(key.aliases.front().rfind('/') + 1);
    std::optional<size_t> ref_ours, ref_boot;
    for (size_t i = 0; i < lines.size(); ++i) {
        const auto& a = lines[i];
        if (a.line.kind == SysctlLine::Kind::broken && a.line.text.find(name) != std::string::npos) {
            add_once(out, seen,
                     conflict_at(a, "not a KEY = VALUE line: systemd-sysctl and sysctl skip it", true));
        }
        if (!names_key(a.line, key)) continue;
        if (!parse_u64(a.line.value)) {
            add_once(out, seen,
                     conflict_at(a, fmt::format("'{}' is not a number: the kernel rejects it", a.line.value),
                                 true));
            continue;
        }
        if (i >= boot_lines) continue;
        ref_boot = i;
        if (!ours.empty() && a.file->listed == ours) ref_ours = i;
    }
    auto ref = ref_ours ? ref_ours : ref_boot;
    if (!ref) return out;

    const AppliedLine& r = lines[*ref];
    for (size_t i = *ref + 1; i < lines.size(); ++i) {
        const auto& a = lines[i];
        if (!names_key(a.line, key) || !parse_u64(a.line.value) || same_value(a.line.value, r.line.value))
            continue;
        std::string problem =
            i < boot_lines
                ? fmt::format("sorts after {}: at boot it replaces {} with {}", r.file->listed, r.line.value,
                              a.line.value)
                : fmt::format(
                      "'sysctl --system' reads /etc/sysctl.conf last: it replaces {} from {} with {} "
                      "whenever settings are reloaded",
                      r.line.value, r.file->listed, a.line.value);
        add_once(out, seen, conflict_at(a, std::move(problem), true));
    }
    return out;
}

std::vector<SysctlConflict> legacy_conflicts(const SysctlConfig& config) {
    std::vector<SysctlConflict> out;
    std::set<std::pair<std::string, unsigned>> seen;
    for (const auto& a : applied_lines(config, SysctlReader::system)) {
        if (a.line.kind == SysctlLine::Kind::broken &&
            a.line.text.find("ip_conntrack") != std::string::npos) {
            add_once(out, seen,
                     conflict_at(
                         a, "legacy ip_conntrack key on a line that is not KEY = VALUE: ignored twice over",
                         true));
            continue;
        }
        if (a.line.kind != SysctlLine::Kind::assignment || !a.line.key.starts_with(kLegacyPrefix)) continue;
        std::string modern = "net.netfilter.nf_conntrack" + a.line.key.substr(kLegacyPrefix.size());
        add_once(out, seen,
                 conflict_at(a,
                             fmt::format("legacy key of the old ip_conntrack module: this kernel has no such "
                                         "sysctl, so the value is ignored (the key is {})",
                                         modern),
                             true));
    }
    return out;
}

}  // namespace ctguard
