// ctguard top --by KEY[,KEY] [-n N] [--all-netns] [filters]: who fills the table, in one streaming
// pass per namespace.
#include <fmt/format.h>

#include <algorithm>

#include "analysis/flow_owner.hpp"
#include "analysis/top.hpp"
#include "cli/commands.hpp"
#include "cli/top_live.hpp"
#include "cli/daemon_client.hpp"
#include "collect/namespaces_collect.hpp"
#include "host/local_addresses.hpp"
#include "host/process_reader.hpp"
#include "host/socket_table.hpp"
#include "netfilter/conntrack_source.hpp"
#include "report/top_render.hpp"

namespace ctguard {

namespace {

struct TopArgs {
    std::vector<std::string> by{"src"};
    size_t n = 10;
    FilterArgs filter;
    bool all_netns = false;
    bool live = false;
    double interval = 1;
    bool no_daemon = false;
};

Result<std::vector<TopKey>> parse_keys(const std::vector<std::string>& names) {
    std::vector<TopKey> keys;
    for (const auto& name : names) {
        auto k = parse_top_key(name);
        if (!k) {
            return Error::usage("--by", "unknown key '" + name + "'",
                                "keys: src dst sport dport proto state zone mark process netns");
        }
        // Each key once: the packed group key has room for every key exactly once.
        if (std::find(keys.begin(), keys.end(), *k) != keys.end()) {
            return Error::usage("--by", "key '" + name + "' given twice");
        }
        keys.push_back(*k);
    }
    return keys;
}

// The result, and where it was read (netlink or /proc).
nlohmann::json top_json_from(const TopResult& result, const char* source) {
    auto j = top_json(result);
    j["source"] = source;
    return j;
}

std::string top_text_from(const TopResult& result, const char* source) {
    return top_text(result) + fmt::format("read over {}\n", source);
}

}  // namespace

Command add_top_command(CLI::App& app, const GlobalOptions& g) {
    auto* cmd = app.add_subcommand("top", "group entries by keys and show the largest groups");
    auto args = std::make_shared<TopArgs>();
    cmd->add_option("--by", args->by, "keys: src dst sport dport proto state zone mark process netns")
        ->delimiter(',')
        ->capture_default_str();
    cmd->add_option("-n", args->n, "rows to show")
        ->capture_default_str()
        ->check(CLI::Range(size_t{1}, size_t{1000000}));
    add_filter_options(cmd, args->filter);
    cmd->add_flag("--all-netns", args->all_netns,
                  "every network namespace's entries, not only this one's (group them with --by netns)");
    auto* live = cmd->add_flag("--live", args->live, "a live view in the terminal, kept by events (q quits, ? keys)");
    cmd->add_option("--interval", args->interval, "seconds between refreshes of --live")
        ->capture_default_str()
        ->check(CLI::Range(0.1, 3600.0))
        ->needs(live);
    cmd->add_flag("--no-daemon", args->no_daemon, "read the kernel's table even when the daemon's live table can answer");
    return {cmd, [&g, args]() -> Result<int> {
                auto keys = parse_keys(args->by);
                if (!keys) return keys.error();
                const bool by_netns = std::find(keys->begin(), keys->end(), TopKey::netns) != keys->end();
                // --live counts every namespace's table by netns, alone (it holds only its own entries).
                if (by_netns && args->live && keys->size() > 1)
                    return Error::usage("--by", "with --live the netns key goes alone (each table's count)",
                                        "ctguard top --live --by netns");
                if (by_netns && !args->all_netns && !args->live)
                    return Error::usage("--by", "the netns key needs --all-netns", "e.g. ctguard top --all-netns --by netns,src");
                if (args->all_netns && !g.netns.empty())
                    return Error::usage("--all-netns", "cannot be combined with --netns");
                // Sockets are per namespace: the caller's cannot say who holds another's entries.
                if (args->all_netns && std::find(keys->begin(), keys->end(), TopKey::process) != keys->end())
                    return Error::usage("--by", "the process key and --all-netns do not mix",
                                        "sockets are per namespace: ctguard --netns NS top --by process");
                if (args->live) {
                    if (g.json || args->all_netns) return Error::usage("top --live", "takes neither --json nor --all-netns");
                    return run_top_live(g, {*keys, args->filter, args->interval});
                }
                auto filter = build_filter(args->filter);
                if (!filter) return filter.error();
                if (!args->no_daemon && !args->all_netns && std::all_of(keys->begin(), keys->end(), live_key)) {
                    LiveRequest ask;
                    ask.by = *keys;
                    ask.n = args->n;
                    ask.filter = args->filter;
                    if (print_from_daemon(g, ask)) return 0;
                }
                auto table = ConntrackSource::open(g.root_dir());
                if (!table) return table.error();
                // --by process: sockets and their holders are read once, before the dump.
                std::optional<FlowAttributor> owners;
                ProcessKeyFns process;
                if (std::find(keys->begin(), keys->end(), TopKey::process) != keys->end()) {
                    SocketSnapshot sockets = collect_sockets(g.root_dir());
                    owners.emplace(sockets.inet, sockets.owners, read_local_addresses(g.root_dir()));
                    process.id = [&owners](const Flow& f) { return owner_id(owners->owner(f)); };
                    process.label = [&g](uint32_t id) {
                        return owner_label(id, read_comm(g.root_dir(), int(id)));
                    };
                }
                TopAggregator top(*keys, *filter, std::move(process));
                auto dump = table->dump(top);
                if (!dump) return dump.error();
                if (args->all_netns)
                    dump_other_namespaces(g.root_dir(), top, [&top](const NamespaceInfo& ns) { top.set_netns(ns.name); });
                auto result = top.result(args->n);
                const char* source = source_name(table->source());
                print_result(g.json, top_json_from, top_text_from, result, source);
                return 0;
            }};
}

}  // namespace ctguard
