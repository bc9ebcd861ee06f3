// ctguard shield: keeps the table below its cap during a flood from forged addresses (SYNPROXY for
// the listeners, notrack for DNS, shorter timeouts for unanswered connections) in table
// inet ctguard_shield, with the namespace's sysctls it needs; --remove puts everything back.
#include "analysis/shield_plan.hpp"
#include "cli/commands.hpp"
#include "cli/nft_persist.hpp"
#include "host/config_files.hpp"
#include "host/interfaces.hpp"
#include "host/netns.hpp"
#include "host/sock_diag.hpp"
#include "lib/text.hpp"
#include "netfilter/nftables.hpp"
#include "netfilter/shield_ruleset.hpp"
#include "netfilter/shield_state.hpp"
#include "netfilter/sysctl.hpp"
#include "report/shield_render.hpp"
#include "report/unified_diff.hpp"

namespace ctguard {

namespace {

struct ShieldArgs {
    std::vector<std::string> ports;
    bool apply = false, remove = false, persist = false, dry_run = false;
};

Result<std::vector<uint16_t>> parse_ports(const std::vector<std::string>& texts) {
    std::vector<uint16_t> out;
    for (const auto& t : texts) {
        auto p = parse_u64(trim(t), 65535);
        if (!p || *p == 0) return Error::usage("--ports", "'" + printable(t) + "' is not a port (1-65535)");
        out.push_back(static_cast<uint16_t>(*p));
    }
    return out;
}

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

std::vector<LiveChange> live_changes(const std::vector<SysctlChange>& changes, bool back) {
    std::vector<LiveChange> out;
    for (const auto& c : changes) out.push_back({c.key, back ? c.after : c.before, back ? c.before : c.after});
    return out;
}

// The --persist files: the ruleset (nullopt: none) and the sysctls it needs at boot.
Result<void> plan_persist(const RootDir& root, const std::optional<std::string>& ruleset,
                          const std::vector<SysctlChange>& sysctls, ApplyReport& report) {
    auto files = plan_nft_files(root, kShieldBootFile, ruleset, report.notes);
    if (!files) return files.error();
    report.files = *files;
    auto current = read_config_file(root, kShieldSysctlFile);
    if (!current) return current.error();
    auto wanted = ruleset ? shield_sysctl_file(sysctls) : std::nullopt;
    if (*current != wanted) {
        report.files.push_back({std::string(kShieldSysctlFile), *current, wanted, false,
                                wanted ? "the sysctls the shield needs, at boot" : "the shield's boot sysctls"});
    }
    if (wanted) {
        report.notes.push_back(
            "net.netfilter keys take effect at boot only if nf_conntrack is loaded before systemd-sysctl "
            "runs ('ctguard limit set N --persist' lists it in /etc/modules-load.d)");
    }
    return {};
}

struct Context {
    const GlobalOptions& g;
    const ShieldArgs& a;
    Nftables& nft;
    ShieldState state;
    std::string saved_path;
    uint64_t netns_inode = 0;
};

Result<int> run_plan(Context& c) {
    const RootDir root = c.g.root_dir();
    ShieldInput in;
    auto ports = parse_ports(c.a.ports);
    if (!ports) return ports.error();
    in.ports = *ports;
    auto sockets = dump_inet_sockets();
    if (!sockets) return sockets.error();
    in.sockets = std::move(*sockets);
    auto interfaces = read_interfaces();
    if (!interfaces) return interfaces.error();
    in.interfaces = std::move(*interfaces);
    in.sysctls = read_shield_sysctls(root);
    in.tsecr_checked = kernel_checks_tsecr(root);
    in.synproxy_available = nft_accepts(c.nft, synproxy_probe_script());
    in.ct_timeout_available = nft_accepts(c.nft, ct_timeout_probe_script());
    auto ruleset = c.nft.run("list ruleset");
    if (!ruleset) return ruleset.error();
    auto count = read_sysctl_u64(root, "net.netfilter.nf_conntrack_count");
    in.tracking = c.state.installed || (count && *count > 0) || ruleset_uses_conntrack(*ruleset);
    auto plan = plan_shield(in);
    if (!plan) return plan.error();

    ShieldReport r;
    r.action = c.a.apply ? "apply" : "plan";
    r.plan = std::move(*plan);
    r.installed = c.state.installed;
    r.apply.dry_run = c.a.dry_run;
    bool any = false;
    for (const auto& m : r.plan.measures) any = any || m.chosen;
    if (!any) {
        r.plan.notes.push_back("no measure fits this namespace: nothing to do" +
                               std::string(c.state.installed ? " ('ctguard shield --remove' unloads the "
                                                               "shield that is loaded)"
                                                             : ""));
        print_result(c.g.json, shield_json, [&](const ShieldReport& x) { return shield_text(x, c.g.text_width()); }, r);
        return 0;
    }
    r.ruleset = shield_listing(r.plan);
    const std::optional<std::string> loaded =
        c.state.installed ? std::optional<std::string>(zero_counters(c.state.listing)) : std::nullopt;
    const bool rules_change = loaded != r.ruleset;
    r.changed = rules_change || !r.plan.sysctls.empty();
    r.diff = unified_diff("/table inet " + std::string(kShieldTable), loaded, r.ruleset);
    // The kernel checks the whole table (modules, synproxy, timeouts) and commits nothing.
    if (auto ok = c.nft.run(shield_load_script(r.plan), false, true); !ok) return ok.error();

    const auto saved = merge_saved_sysctls(c.state.saved, c.state.installed, r.plan.sysctls, in.sysctls);
    if (c.a.apply) {
        if (c.a.persist) {
            if (auto p = plan_persist(root, shield_load_script(r.plan), saved, r.apply); !p) return p.error();
        }
        r.apply.live = live_changes(r.plan.sysctls, false);
        if (!c.a.dry_run) {
            // The old values first, so a crash between two steps never loses them.
            FileChange file{c.saved_path, std::nullopt, saved_sysctls_text(saved, c.netns_inode), false, ""};
            if (auto w = apply_file_change(root, file); !w) return w.error();
            if (auto s = set_sysctls(root, r.plan.sysctls, false); !s) return s.error();
            if (rules_change) {
                if (auto l = c.nft.run(shield_load_script(r.plan)); !l) {
                    (void)set_sysctls(root, r.plan.sysctls, true);
                    return l.error();
                }
            }
            if (auto w = write_files(root, r.apply.files); !w) return w.error();
        }
    }
    print_result(c.g.json, shield_json, [&](const ShieldReport& x) { return shield_text(x, c.g.text_width()); }, r);
    return 0;
}

Result<int> run_remove(Context& c) {
    const RootDir root = c.g.root_dir();
    ShieldReport r;
    r.action = "remove";
    r.installed = c.state.installed;
    r.apply.dry_run = c.a.dry_run;
    const ShieldSysctls now = read_shield_sysctls(root);
    // Only what is still the shield's value goes back: a value changed since is the admin's.
    std::vector<SysctlChange> restore;
    for (const auto& s : c.state.saved) {
        if (shield_sysctl(now, s.key) == s.after) restore.push_back(s);
    }
    r.apply.live = live_changes(restore, true);
    r.changed = c.state.installed || !restore.empty();
    if (c.a.persist) {
        if (auto p = plan_persist(root, std::nullopt, {}, r.apply); !p) return p.error();
    } else {
        auto file = read_config_file(root, kShieldFile);
        if (!file) return file.error();
        if (*file) r.apply.notes.push_back(std::string(kShieldFile) + " still loads the shield at boot (add --persist)");
    }
    if (!c.a.dry_run) {
        if (c.state.installed) {
            if (auto d = c.nft.run(shield_remove_script()); !d) return d.error();
        }
        if (auto s = set_sysctls(root, restore, true); !s) return s.error();
        if (c.state.saved_file) {
            FileChange gone{c.saved_path, std::string(), std::nullopt, false, ""};
            if (auto w = apply_file_change(root, gone); !w) return w.error();
        }
        if (auto w = write_files(root, r.apply.files); !w) return w.error();
    }
    print_result(c.g.json, shield_json, [&](const ShieldReport& x) { return shield_text(x, c.g.text_width()); }, r);
    return 0;
}

}  // namespace

Command add_shield_command(CLI::App& app, const GlobalOptions& g) {
    auto* cmd = app.add_subcommand(
        "shield", "keep the table under its cap in a flood from forged addresses (table inet ctguard_shield)");
    auto args = std::make_shared<ShieldArgs>();
    cmd->add_option("--ports", args->ports,
                    "only these listening ports (TCP: SYNPROXY, UDP 53: notrack), comma-separated")
        ->delimiter(',');
    cmd->add_flag("--apply", args->apply, "load the shield and set the sysctls it needs in this namespace");
    cmd->add_flag("--remove", args->remove, "unload the shield and put the sysctls back as they were");
    cmd->add_flag("--persist", args->persist,
                  "with --apply: also load it at boot (/etc/nftables.d/ctguard-shield.nft, "
                  "/etc/sysctl.d/99-zz-ctguard-shield.conf); with --remove: undo that");
    cmd->add_flag("--dry-run", args->dry_run,
                  "with --apply or --remove: check with the kernel and print what would change; change nothing");
    return {cmd, [&g, args]() -> Result<int> {
                const ShieldArgs& a = *args;
                if (a.apply && a.remove) return Error::usage("shield", "give --apply or --remove, not both");
                if ((a.persist || a.dry_run) && !a.apply && !a.remove) {
                    return Error::usage("shield", "--persist and --dry-run go with --apply or --remove",
                                        "without either, ctguard shield only shows the plan");
                }
                if (a.remove && !a.ports.empty()) return Error::usage("shield", "--ports does not go with --remove");
                auto nft = Nftables::open();
                if (!nft) return nft.error();
                auto inode = current_netns_inode();
                if (!inode) return inode.error();
                const std::string saved_path = shield_saved_path(*inode);
                auto state = read_shield_state(*nft, g.root_dir(), saved_path);
                if (!state) return state.error();
                Context c{g, a, *nft, std::move(*state), saved_path, *inode};
                return a.remove ? run_remove(c) : run_plan(c);
            }};
}

}  // namespace ctguard
