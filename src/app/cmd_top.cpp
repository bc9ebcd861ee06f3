// ctguard top --by KEY[,KEY] [-n N] [filters]: who fills the table, in one streaming pass.
#include <fmt/format.h>

#include "analysis/top.hpp"
#include "app/commands.hpp"
#include "kernel/conntrack_table.hpp"
#include "outputs/top_render.hpp"

namespace ctguard {

namespace {

struct TopArgs {
    std::vector<std::string> by{"src"};
    size_t n = 10;
    FilterArgs filter;
};

Result<std::vector<TopKey>> parse_keys(const std::vector<std::string>& names) {
    std::vector<TopKey> keys;
    for (const auto& name : names) {
        auto k = parse_top_key(name);
        if (!k) {
            return Error::usage("--by", "unknown key '" + name + "'", "keys: src dst sport dport proto state zone mark");
        }
        keys.push_back(*k);
    }
    return keys;
}

}  // namespace

Command add_top_command(CLI::App& app, const GlobalOptions& g) {
    auto* cmd = app.add_subcommand("top", "group entries by keys and show the largest groups");
    auto args = std::make_shared<TopArgs>();
    cmd->add_option("--by", args->by, "keys: src dst sport dport proto state zone mark")->delimiter(',')->capture_default_str();
    cmd->add_option("-n", args->n, "rows to show")->capture_default_str()->check(CLI::Range(size_t{1}, size_t{1000000}));
    add_filter_options(cmd, args->filter);
    return {cmd, [&g, args]() -> Result<int> {
                auto keys = parse_keys(args->by);
                if (!keys) return keys.error();
                auto filter = build_filter(args->filter);
                if (!filter) return filter.error();
                auto table = ConntrackTable::open(g.root_dir());
                if (!table) return table.error();
                TopAggregator top(*keys, *filter);
                auto dump = table->dump(top);
                if (!dump) return dump.error();
                auto result = top.result(args->n);
                const char* source = source_name(table->source());
                if (g.json) {
                    auto j = top_json(result);
                    j["source"] = source;
                    print_json(j);
                } else {
                    print_text(top_text(result) + fmt::format("read over {}\n", source));
                }
                return 0;
            }};
}

}  // namespace ctguard
