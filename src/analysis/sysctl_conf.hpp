#pragma once
// What sysctl files do to one key: which assignment wins at boot and under `sysctl --system`, and
// which lines work against the value the user wants (legacy keys, later overrides, broken lines).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/sysctl_conf.hpp"

namespace ctguard {

struct SysctlLine {
    enum class Kind { ignored, assignment, broken };
    Kind kind = Kind::ignored;
    unsigned number = 0;  // 1-based
    std::string text;     // the line as written
    std::string key;      // assignments: slash form, "net/netfilter/nf_conntrack_max"
    std::string value;    // assignments: trimmed
};

// The format of sysctl.d(5) and sysctl.conf(5):
//   # comment            ; comment            (blank lines too)
//   net.netfilter.nf_conntrack_max = 29000    net/netfilter/nf_conntrack_max=29000
//   -net.netfilter.nf_conntrack_max = 29000   (leading '-': failures are not errors)
//   -net.ipv4.conf.*.rp_filter                (no '=' after '-': a glob exclusion, not an assignment)
// Any other line without '=' is skipped by both systemd-sysctl and procps ("broken").
std::vector<SysctlLine> parse_sysctl_text(std::string_view text);

// systemd's rule: if the first separator is '.', dots and slashes swap; if it is '/', the name stays.
std::string sysctl_key_path(std::string_view key);

struct Assignment {
    const ConfFile* file = nullptr;
    SysctlLine line;
};

// The assignment that decides the key's value when `reader` applies `config`, if any. For the boot it
// may hold a value the kernel rejects (then the kernel default stays).
std::optional<Assignment> effective_assignment(const SysctlConfig& config, const SysctlKey& key,
                                               SysctlReader reader);

// Problems with one key. `ours` is the listed path of the file that should decide the value (ctguard's
// own file); when empty, the boot winner is the reference. Reports lines applied after the reference
// with another value (later-sorting files at boot, /etc/sysctl.conf under `sysctl --system`), broken
// lines that name the key, and values that are not numbers.
std::vector<SysctlConflict> key_conflicts(const SysctlConfig& config, const SysctlKey& key,
                                          std::string_view ours);

// Keys of the old ip_conntrack module (net.ipv4.netfilter.ip_conntrack_*): modern kernels have no such
// sysctl, so the line does nothing.
std::vector<SysctlConflict> legacy_conflicts(const SysctlConfig& config);

}  // namespace ctguard
