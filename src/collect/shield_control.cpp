#include "collect/shield_control.hpp"

#include <algorithm>

#include "analysis/shield_plan.hpp"
#include "host/config_files.hpp"
#include "host/interfaces.hpp"
#include "host/netns.hpp"
#include "host/sock_diag.hpp"
#include "lib/text.hpp"
#include "netfilter/shield_ruleset.hpp"
#include "netfilter/shield_state.hpp"
#include "netfilter/sysctl.hpp"

namespace ctguard {

namespace {

// Sets each sysctl to `after` (or, with `back`, to `before`); on a failure puts back what it had
// already set, so the namespace is never left half-changed.
Result<void> set_sysctls(const RootDir& root, const std::vector<SysctlChange>& changes, bool back) {
    for (size_t i = 0; i < changes.size(); ++i) {
        const auto& c = changes[i];
        if (auto r = write_sysctl_u64(root, c.key, back ? c.before : c.after); !r) {
            for (size_t j = 0; j < i; ++j) {
                (void)write_sysctl_u64(root, changes[j].key, back ? changes[j].after : changes[j].before);
            }
            return r;
        }
    }
    return {};
}

}  // namespace

Result<ShieldSite> read_shield_site(Nftables& nft, const RootDir& root) {
    auto inode = current_netns_inode();
    if (!inode) return inode.error();
    ShieldSite site;
    site.netns_inode = *inode;
    site.saved_path = shield_saved_path(*inode);
    auto state = read_shield_state(nft, root, site.saved_path);
    if (!state) return state.error();
    site.state = std::move(*state);
    return site;
}

Result<ShieldInput> read_shield_input(Nftables& nft, const RootDir& root, std::vector<uint16_t> ports,
                                      const ShieldSite& site) {
    ShieldInput in;
    in.ports = std::move(ports);
    auto sockets = dump_inet_sockets();
    if (!sockets) return sockets.error();
    in.sockets = std::move(*sockets);
    auto interfaces = read_interfaces();
    if (!interfaces) return interfaces.error();
    in.interfaces = std::move(*interfaces);
    in.sysctls = read_shield_sysctls(root);
    in.tsecr_checked = kernel_checks_tsecr(root);
    in.synproxy_available = nft_accepts(nft, synproxy_probe_script());
    in.ct_timeout_available = nft_accepts(nft, ct_timeout_probe_script());
    auto ruleset = nft.run("list ruleset");
    if (!ruleset) return ruleset.error();
    auto count = read_sysctl_u64(root, "net.netfilter.nf_conntrack_count");
    in.tracking = site.state.installed || (count && *count > 0) || ruleset_uses_conntrack(*ruleset);
    // thread-self: the daemon reads a tenant's namespace from a thread that entered it.
    for (const char* names : {"/proc/thread-self/net/ip_tables_names", "/proc/thread-self/net/ip6_tables_names"}) {
        auto text = read_small_file(root.path(names));
        if (!text) continue;
        for (auto table : split(*text, '\n')) {
            table = trim(table);
            if (!table.empty() && std::find(in.legacy_tables.begin(), in.legacy_tables.end(), table) ==
                                      in.legacy_tables.end())
                in.legacy_tables.push_back(printable(table));
        }
    }
    return in;
}

Result<void> load_shield(Nftables& nft, const RootDir& root, const ShieldSite& site, const ShieldPlan& plan,
                         const std::vector<SysctlChange>& saved, ShieldOwner owner, bool load_rules) {
    // The old values first, so a crash between two steps never loses them.
    FileChange file{site.saved_path, std::nullopt, saved_sysctls_text({owner, saved}, site.netns_inode), false, ""};
    if (auto w = apply_file_change(root, file); !w) return w;
    if (auto s = set_sysctls(root, plan.sysctls, false); !s) return s;
    if (load_rules) {
        if (auto l = nft.run(shield_load_script(plan)); !l) {
            (void)set_sysctls(root, plan.sysctls, true);
            return l.error();
        }
    }
    return {};
}

std::vector<SysctlChange> sysctls_to_restore(const ShieldSite& site, const ShieldSysctls& now) {
    std::vector<SysctlChange> restore;
    for (const auto& s : site.state.saved.sysctls) {
        if (shield_sysctl(now, s.key) == s.after) restore.push_back(s);
    }
    return restore;
}

Result<void> unload_shield(Nftables& nft, const RootDir& root, const ShieldSite& site,
                           const std::vector<SysctlChange>& restore) {
    if (site.state.installed) {
        if (auto d = nft.run(shield_remove_script()); !d) return d.error();
    }
    if (auto s = set_sysctls(root, restore, true); !s) return s;
    if (site.state.saved_file) {
        FileChange gone{site.saved_path, std::string(), std::nullopt, false, ""};
        if (auto w = apply_file_change(root, gone); !w) return w;
    }
    return {};
}

}  // namespace ctguard
