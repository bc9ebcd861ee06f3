// ctguard shield: keeps the table below its cap during a flood from forged addresses (SYNPROXY for
// the listeners, notrack for DNS, shorter timeouts for unanswered connections) in table
// inet ctguard_shield, with the namespace's sysctls it needs; --remove puts everything back.
#include "analysis/shield_plan.hpp"
#include "cli/commands.hpp"
#include "cli/nft_persist.hpp"
#include "collect/shield_control.hpp"
#include "host/config_files.hpp"
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
    ShieldSite site;
};

Result<int> run_plan(Context& c) {
    const RootDir root = c.g.root_dir();
    auto ports = parse_ports(c.a.ports);
    if (!ports) return ports.error();
    auto in = read_shield_input(c.nft, root, std::move(*ports), c.site);
    if (!in) return in.error();
    auto plan = plan_shield(*in);
    if (!plan) return plan.error();

    ShieldReport r;
    r.action = c.a.apply ? "apply" : "plan";
    r.plan = std::move(*plan);
    r.installed = c.site.state.installed;
    r.apply.dry_run = c.a.dry_run;
    bool any = false;
    for (const auto& m : r.plan.measures) any = any || m.chosen;
    if (!any) {
        r.plan.notes.push_back("no measure fits this namespace: nothing to do" +
                               std::string(c.site.state.installed ? " ('ctguard shield --remove' unloads the "
                                                               "shield that is loaded)"
                                                             : ""));
        print_result(c.g.json, shield_json, [&](const ShieldReport& x) { return shield_text(x, c.g.text_width()); }, r);
        return 0;
    }
    r.ruleset = shield_listing(r.plan);
    const std::optional<std::string> loaded =
        c.site.state.installed ? std::optional<std::string>(zero_counters(c.site.state.listing)) : std::nullopt;
    const bool rules_change = loaded != r.ruleset;
    r.changed = rules_change || !r.plan.sysctls.empty();
    r.diff = unified_diff("/table inet " + std::string(kShieldTable), loaded, r.ruleset);
    // The kernel checks the whole table (modules, synproxy, timeouts) and commits nothing.
    if (auto ok = c.nft.run(shield_load_script(r.plan), false, true); !ok) return ok.error();

    const auto saved =
        merge_saved_sysctls(c.site.state.saved.sysctls, c.site.state.installed, r.plan.sysctls, in->sysctls);
    if (c.a.apply) {
        if (c.a.persist) {
            if (auto p = plan_persist(root, shield_load_script(r.plan), saved, r.apply); !p) return p.error();
        }
        r.apply.live = live_changes(r.plan.sysctls, false);
        if (!c.a.dry_run) {
            // Loaded by hand, it is the admin's, even over the daemon's: the daemon leaves it alone.
            if (auto l = load_shield(c.nft, root, c.site, r.plan, saved, ShieldOwner::command, rules_change); !l)
                return l.error();
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
    r.installed = c.site.state.installed;
    r.apply.dry_run = c.a.dry_run;
    const auto restore = sysctls_to_restore(c.site, read_shield_sysctls(root));
    r.apply.live = live_changes(restore, true);
    r.changed = c.site.state.installed || !restore.empty();
    if (c.a.persist) {
        if (auto p = plan_persist(root, std::nullopt, {}, r.apply); !p) return p.error();
    } else {
        auto file = read_config_file(root, kShieldFile);
        if (!file) return file.error();
        if (*file) r.apply.notes.push_back(std::string(kShieldFile) + " still loads the shield at boot (add --persist)");
    }
    if (!c.a.dry_run) {
        if (auto u = unload_shield(c.nft, root, c.site, restore); !u) return u.error();
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
                auto site = read_shield_site(*nft, g.root_dir());
                if (!site) return site.error();
                Context c{g, a, *nft, std::move(*site)};
                return a.remove ? run_remove(c) : run_plan(c);
            }};
}

}  // namespace ctguard
