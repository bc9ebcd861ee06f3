#include "netfilter/shield_state.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "host/config_files.hpp"
#include "lib/text.hpp"
#include "netfilter/sysctl.hpp"

namespace ctguard {

namespace {

constexpr std::array<std::string_view, 3> kShieldKeys = {
    "net.ipv4.tcp_syncookies", "net.ipv4.tcp_timestamps", "net.netfilter.nf_conntrack_tcp_loose"};

std::optional<uint64_t> sysctl_or_none(const RootDir& root, std::string_view key) {
    auto v = read_sysctl_u64(root, key);
    return v ? std::optional<uint64_t>(*v) : std::nullopt;
}

}  // namespace

std::string shield_saved_path(uint64_t netns_inode) {
    return fmt::format("/var/lib/ctguard/shield/net-{}.conf", netns_inode);
}

std::string saved_sysctls_text(const SavedShield& saved, uint64_t netns_inode) {
    std::string out = fmt::format(
        "# ctguard shield: sysctls of network namespace net:[{}] as they were before --apply\n"
        "# (KEY BEFORE AFTER); ctguard shield --remove puts BEFORE back\n",
        netns_inode);
    // The daemon removes only a shield it loaded (at recovery, at its stop, or left by an earlier run).
    if (saved.owner == ShieldOwner::daemon) out += "owner daemon\n";
    for (const auto& c : saved.sysctls) out += fmt::format("{} {} {}\n", c.key, c.before, c.after);
    return out;
}

Result<SavedShield> parse_saved_sysctls(std::string_view text) {
    SavedShield out;
    unsigned n = 0;
    for (auto line : split(text, '\n')) {
        ++n;
        line = trim(line);
        if (line.empty() || line.front() == '#') continue;
        if (line == "owner daemon") {
            out.owner = ShieldOwner::daemon;
            continue;
        }
        auto words = split(line, ' ');
        std::optional<uint64_t> before, after;
        if (words.size() == 3) {
            before = parse_u64(words[1]);
            after = parse_u64(words[2]);
        }
        bool known = words.size() == 3 && std::find(kShieldKeys.begin(), kShieldKeys.end(), words[0]) != kShieldKeys.end();
        if (!known || !before || !after) {
            return Error::internal("shield state", fmt::format("line {} is not 'KEY BEFORE AFTER' of a key the "
                                                               "shield sets: '{}'",
                                                               n, printable(line)));
        }
        out.sysctls.push_back({std::string(words[0]), *before, *after, ""});
    }
    return out;
}

ShieldSysctls read_shield_sysctls(const RootDir& root) {
    ShieldSysctls s;
    s.tcp_syncookies = sysctl_or_none(root, "net.ipv4.tcp_syncookies");
    s.tcp_timestamps = sysctl_or_none(root, "net.ipv4.tcp_timestamps");
    s.tcp_loose = sysctl_or_none(root, "net.netfilter.nf_conntrack_tcp_loose");
    s.tcp_window_scaling = sysctl_or_none(root, "net.ipv4.tcp_window_scaling");
    s.tcp_sack = sysctl_or_none(root, "net.ipv4.tcp_sack");
    s.rmem_max = sysctl_or_none(root, "net.core.rmem_max");
    if (auto rmem = read_small_file(sysctl_path(root, "net.ipv4.tcp_rmem"))) {
        // "min default max", separated by tabs
        std::string line(trim(*rmem));
        std::replace(line.begin(), line.end(), '\t', ' ');
        std::vector<std::string_view> fields;
        for (auto f : split(line, ' ')) {
            if (!f.empty()) fields.push_back(f);
        }
        if (fields.size() == 3) s.tcp_rmem_max = parse_u64(fields[2]);
    }
    s.tcp_timeout_syn_sent = sysctl_or_none(root, "net.netfilter.nf_conntrack_tcp_timeout_syn_sent");
    s.tcp_timeout_syn_recv = sysctl_or_none(root, "net.netfilter.nf_conntrack_tcp_timeout_syn_recv");
    s.tcp_timeout_close = sysctl_or_none(root, "net.netfilter.nf_conntrack_tcp_timeout_close");
    s.udp_timeout = sysctl_or_none(root, "net.netfilter.nf_conntrack_udp_timeout");
    return s;
}

bool kernel_checks_tsecr(const RootDir& root) {
    auto text = read_small_file(root.path("/proc/net/netstat"));
    return text && text->find(" TSEcrRejected") != std::string::npos;
}

Result<ShieldState> read_shield_state(Nftables& nft, const RootDir& root, const std::string& saved_file) {
    ShieldState st;
    auto listing = nft.run(fmt::format("list table inet {}", kShieldTable));
    if (listing) {
        st.installed = true;
        st.listing = *listing;
    } else if (listing.error().why.find("No such file or directory") == std::string::npos) {
        return listing.error();
    }
    auto file = read_config_file(root, saved_file);
    if (!file) return file.error();
    if (*file) {
        auto saved = parse_saved_sysctls(**file);
        if (!saved) {
            Error e = saved.error();
            e.what = root.path(saved_file);
            return e;
        }
        st.saved = *saved;
        st.saved_file = true;
    }
    return st;
}

bool nft_accepts(Nftables& nft, const std::string& script) {
    return nft.run(script, false, true).ok();
}

}  // namespace ctguard
