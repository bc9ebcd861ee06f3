// ctguard list [filters] [--limit N] [--all-netns]: entries like conntrack -L, filtered, as a table
// or JSON; with --all-netns every namespace's, each tagged with its name.
#include <cstdio>

#include "analysis/filter_match.hpp"
#include "cli/commands.hpp"
#include "collect/namespaces_collect.hpp"
#include "netfilter/conntrack_source.hpp"
#include "report/list_render.hpp"

namespace ctguard {

namespace {

struct ListArgs {
    uint64_t limit = 0;  // 0: no limit
    FilterArgs filter;
    bool all_netns = false;
};

// Applies filter and limit, then hands entries to a writer.
template <class Writer>
class ListSink : public FlowSink {
  public:
    ListSink(const Filter& f, uint64_t limit, Writer& w) : filter_(f), limit_(limit), writer_(w) {}
    void on_flow(const Flow& flow) override {
        if (!matches(filter_, flow)) return;
        ++matched_;
        if (limit_ == 0 || shown_ < limit_) {
            writer_.add(flow);
            ++shown_;
        }
    }
    uint64_t matched() const { return matched_; }
    uint64_t shown() const { return shown_; }

  private:
    const Filter& filter_;
    uint64_t limit_;
    Writer& writer_;
    uint64_t matched_ = 0, shown_ = 0;
};

// This namespace's entries, then (--all-netns) every other one's, each tagged with its name. A
// namespace that vanished since discovery is skipped with a warning.
template <class Writer>
Result<void> dump_all(ConntrackSource& table, const RootDir& root, bool all_netns, Writer& writer,
                      ListSink<Writer>& sink) {
    if (all_netns) writer.set_netns("host");
    if (auto dump = table.dump(sink); !dump) return dump.error();
    if (all_netns) dump_other_namespaces(root, sink, [&writer](const NamespaceInfo& ns) { writer.set_netns(ns.name); });
    return {};
}

}  // namespace

Command add_list_command(CLI::App& app, const GlobalOptions& g) {
    auto* cmd = app.add_subcommand("list", "list entries (like conntrack -L), filtered");
    auto args = std::make_shared<ListArgs>();
    cmd->add_option("--limit", args->limit, "show at most N entries (0: all)")->transform(kWholeNumber);
    add_filter_options(cmd, args->filter);
    cmd->add_flag("--all-netns", args->all_netns, "every network namespace's entries, each with its namespace");
    return {cmd, [&g, args]() -> Result<int> {
                auto filter = build_filter(args->filter);
                if (!filter) return filter.error();
                if (args->all_netns && !g.netns.empty())
                    return Error::usage("--all-netns", "cannot be combined with --netns");
                auto table = ConntrackSource::open(g.root_dir());
                if (!table) return table.error();
                if (g.json) {
                    JsonListWriter writer(stdout);
                    ListSink sink(*filter, args->limit, writer);
                    if (auto dump = dump_all(*table, g.root_dir(), args->all_netns, writer, sink); !dump)
                        return dump.error();
                    writer.finish(fmt::format("\"matched\":{},\"shown\":{},\"source\":\"{}\"", sink.matched(),
                                              sink.shown(), source_name(table->source())));
                    return 0;
                }
                TextListWriter writer(args->all_netns);
                ListSink sink(*filter, args->limit, writer);
                if (auto dump = dump_all(*table, g.root_dir(), args->all_netns, writer, sink); !dump)
                    return dump.error();
                print_text(writer.render());
                std::string more = sink.matched() > sink.shown()
                                       ? fmt::format(" (showing {}; raise --limit for more)", sink.shown())
                                       : "";
                print_text(fmt::format("{} entries{}; read over {}\n", sink.matched(), more,
                                       source_name(table->source())));
                return 0;
            }};
}

}  // namespace ctguard
