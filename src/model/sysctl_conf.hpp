#pragma once
// sysctl configuration files as the boot reads them: plain values, parsed and ordered in analysis/.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ctguard {

// One sysctl.d (or sysctl.conf) file.
struct ConfFile {
    std::string listed;  // where the reader finds it, e.g. /etc/sysctl.d/99-sysctl.conf
    std::string real;    // the file behind symlinks, e.g. /etc/sysctl.conf: what an edit changes
    std::string text;    // empty for a file masked by a symlink to /dev/null
};

// Every file systemd-sysctl reads at boot, in the order it applies them, and /etc/sysctl.conf, which
// procps `sysctl --system` applies after all of them (Debian's systemd reads it only through the
// /etc/sysctl.d/99-sysctl.conf symlink, which is then one of `files`).
struct SysctlConfig {
    std::vector<ConfFile> files;
    std::optional<ConfFile> sysctl_conf;
};

// Which program's reading order to model.
enum class SysctlReader {
    boot,    // systemd-sysctl.service (Debian's procps.service is an alias of it)
    system,  // `sysctl --system` (procps): the same files, then /etc/sysctl.conf
};

// A sysctl the user manages, by every name that reaches the same kernel variable, in slash form
// ("net/netfilter/nf_conntrack_max"; the init namespace also has "net/nf_conntrack_max").
struct SysctlKey {
    std::string dotted;  // the name ctguard writes: "net.netfilter.nf_conntrack_max"
    std::vector<std::string> aliases;
};

// A line that does not do what its author meant, found by analysis/sysctl_conf.
struct SysctlConflict {
    std::string file;   // the real file (what to edit); for non-line problems the place to look
    unsigned line = 0;  // 1-based; 0 when the problem is not one line
    std::string key;    // as written in the file
    std::optional<uint64_t> value;
    std::string problem;
    bool fixable = false;  // `limit set --fix-conflicts` comments the line out
};

SysctlKey conntrack_max_key();
SysctlKey conntrack_buckets_key();

}  // namespace ctguard
