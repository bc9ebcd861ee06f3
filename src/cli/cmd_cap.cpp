// ctguard cap: per-source connection caps with nftables `ct count` (table inet ctguard), live and,
// with --persist, at every boot.
#include "analysis/cap_spec.hpp"
#include "cli/commands.hpp"
#include "cli/nft_persist.hpp"
#include "host/config_files.hpp"
#include "lib/text.hpp"
#include "netfilter/cap_ruleset.hpp"
#include "netfilter/cap_table.hpp"
#include "netfilter/nftables.hpp"
#include "report/cap_render.hpp"
#include "report/limit_render.hpp"

namespace ctguard {

namespace {

struct CapArgs {
    std::string per_source;
    std::vector<std::string> ports, exempt;
    bool list = false, remove = false, persist = false, dry_run = false;
};

Result<CapSpec> build_spec(const CapArgs& a) {
    CapSpec spec;
    auto n = parse_u64(a.per_source, UINT32_MAX);
    if (!n || *n == 0) {
        return Error::usage("--per-source",
                            "'" + a.per_source + "' is not a positive integer (1-4294967295)");
    }
    spec.per_source = static_cast<uint32_t>(*n);
    for (const auto& p : a.ports) {
        if (trim(p).empty()) return Error::usage("--ports", "empty port in the list");
        auto r = parse_port_range("--ports", trim(p));
        if (!r) return r.error();
        spec.ports.push_back(*r);
    }
    auto exempt = parse_cidr_list("--exempt", a.exempt);
    if (!exempt) return exempt.error();
    spec.exempt = *exempt;
    return normalize_cap(spec);
}

Result<int> run_apply(const GlobalOptions& g, const CapArgs& a, Nftables& nft) {
    auto spec = build_spec(a);
    if (!spec) return spec.error();
    auto state = read_cap_state(nft);
    if (!state) return state.error();
    const bool changed = !(state->installed && state->spec && *state->spec == *spec);
    const std::string ruleset = cap_ruleset(*spec);

    ApplyReport report;
    report.dry_run = a.dry_run;
    if (a.persist) {
        auto files = plan_nft_files(g.root_dir(), kCapBootFile, ruleset, report.notes);
        if (!files) return files.error();
        report.files = *files;
    }
    if (a.dry_run) {
        // The kernel checks the whole transaction and commits nothing.
        if (auto r = nft.run(ruleset, false, true); !r) return r.error();
    } else {
        if (auto r = write_files(g.root_dir(), report.files); !r) return r.error();
        if (changed) {
            if (auto r = nft.run(ruleset); !r) return r.error();
        }
    }
    print_result(
        g.json,
        [&](const ApplyReport& r) {
            auto j = apply_json(r);
            j["changed"] = changed;
            j["spec"] = cap_spec_json(*spec);
            if (a.dry_run) j["ruleset"] = ruleset;
            return j;
        },
        [&](const ApplyReport& r) {
            std::string out = "cap: " + cap_summary(*spec) + "\n";
            if (a.dry_run)
                out += (changed ? "would load into table inet ctguard:\n" : "already loaded; would keep:\n") +
                       ruleset;
            else
                out += changed ? "loaded into table inet ctguard\n"
                               : "already loaded with these caps: unchanged\n";
            return out + apply_text(r);
        },
        report);
    return 0;
}

Result<int> run_remove(const GlobalOptions& g, const CapArgs& a, Nftables& nft) {
    auto state = read_cap_state(nft);
    if (!state) return state.error();
    ApplyReport report;
    report.dry_run = a.dry_run;
    if (a.persist) {
        auto files = plan_nft_files(g.root_dir(), kCapBootFile, std::nullopt, report.notes);
        if (!files) return files.error();
        report.files = *files;
    } else {
        auto file = read_config_file(g.root_dir(), kCapFile);
        if (!file) return file.error();
        if (*file)
            report.notes.push_back(std::string(kCapFile) + " still loads the caps at boot (add --persist)");
    }
    if (!a.dry_run) {
        if (auto r = write_files(g.root_dir(), report.files); !r) return r.error();
        if (state->installed) {
            if (auto r = nft.run(cap_remove_script()); !r) return r.error();
        }
    }
    const bool installed = state->installed;
    print_result(
        g.json,
        [installed](const ApplyReport& r) {
            auto j = apply_json(r);
            j["changed"] = installed;
            return j;
        },
        [installed, &a](const ApplyReport& r) {
            std::string out = !installed  ? "table inet ctguard is not loaded: nothing to remove\n"
                              : a.dry_run ? "would remove table inet ctguard\n"
                                          : "removed table inet ctguard\n";
            return out + apply_text(r);
        },
        report);
    return 0;
}

}  // namespace

Command add_cap_command(CLI::App& app, const GlobalOptions& g) {
    auto* cmd = app.add_subcommand("cap", "per-source connection caps in nftables (table inet ctguard)");
    auto args = std::make_shared<CapArgs>();
    cmd->add_option("--per-source", args->per_source, "drop new connections from a source that has N open");
    cmd->add_option("--ports", args->ports,
                    "only for these TCP/UDP destination ports (P or LO-HI, comma-separated)")
        ->delimiter(',');
    cmd->add_option("--exempt", args->exempt, "sources never capped (address or CIDR, repeatable)")
        ->delimiter(',');
    cmd->add_flag("--list", args->list, "show the loaded caps, what they dropped and whom they track");
    cmd->add_flag("--remove", args->remove, "remove the caps");
    cmd->add_flag(
        "--persist", args->persist,
        "also write /etc/nftables.d/ctguard.nft and include it from /etc/nftables.conf (or undo that)");
    cmd->add_flag("--dry-run", args->dry_run,
                  "check with the kernel and print what would change; change nothing");
    return {cmd, [&g, args]() -> Result<int> {
                const CapArgs& a = *args;
                int actions = !a.per_source.empty() + a.list + a.remove;
                if (actions != 1) {
                    return Error::usage("cap", "give exactly one of --per-source N, --list, --remove",
                                        "e.g. ctguard cap --per-source 50 --ports 22,80,443");
                }
                if (a.per_source.empty() && (!a.ports.empty() || !a.exempt.empty())) {
                    return Error::usage("cap", "--ports and --exempt go with --per-source");
                }
                if (a.list && (a.persist || a.dry_run))
                    return Error::usage("cap", "--list takes no other flag");
                auto nft = Nftables::open();
                if (!nft) return nft.error();
                if (a.remove) return run_remove(g, a, *nft);
                if (!a.list) return run_apply(g, a, *nft);
                auto state = read_cap_state(*nft);
                if (!state) return state.error();
                print_result(g.json, cap_list_json, cap_list_text, *state);
                return 0;
            }};
}

}  // namespace ctguard
