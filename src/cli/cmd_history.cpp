// ctguard history [--config FILE | --db FILE] [--tenant T] [--since D] [--limit N]: past incidents.
#include "cli/commands.hpp"
#include "daemon/daemon.hpp"
#include "lib/time_text.hpp"
#include "report/history_render.hpp"
#include "store/history_store.hpp"

namespace ctguard {

namespace {

struct HistoryArgs {
    std::string config, db, tenant, since;
    size_t limit = 0;
    bool json = false;
};

// "2h", "7d" (that long ago), or a date / RFC 3339 time.
Result<double> parse_since(const std::string& text) {
    if (auto ago = parse_duration(text)) return wall_seconds() - *ago;
    if (auto t = parse_rfc3339(text)) return *t;
    return Error::usage("--since", "'" + text + "' is neither a duration nor a date",
                        "e.g. 2h, 7d, 2024-05-01 or 2024-05-01T12:00:00Z");
}

}  // namespace

Command add_history_command(CLI::App& app, const GlobalOptions& g) {
    auto* cmd = app.add_subcommand("history", "incidents the daemon recorded (newest first)");
    auto args = std::make_shared<HistoryArgs>();
    auto* config =
        cmd->add_option("--config", args->config, "read the database named in this daemon configuration");
    auto* db = cmd->add_option("--db", args->db, "history database (default: /var/lib/ctguard/history.db)");
    config->excludes(db);
    cmd->add_option("--tenant", args->tenant, "only this tenant (a glob such as 'vps*' works)");
    cmd->add_option("--since", args->since,
                    "only incidents open or ended since: a duration ago (2h, 7d) or a date");
    cmd->add_option("--limit", args->limit, "at most N incidents");
    // docs/CLI.md writes `history ... [--json]`: accepted here as well as before the command.
    cmd->add_flag("--json", args->json, "JSON output, as the global --json");
    return {cmd, [&g, args]() -> Result<int> {
                HistoryQuery q;
                q.tenant_glob = args->tenant;
                q.limit = args->limit;
                if (!args->since.empty()) {
                    auto since = parse_since(args->since);
                    if (!since) return since.error();
                    q.since = *since;
                }
                std::string path = args->db.empty() ? DaemonConfig{}.db : args->db;
                if (!args->config.empty()) {
                    auto c = load_daemon_config(args->config);
                    if (!c) return c.error();
                    if (c->db.empty()) {
                        return Error::usage("history",
                                            args->config + " turns the history off (daemon.db = \"\")");
                    }
                    path = c->db;
                }
                auto store = HistoryStore::open_for_reading(path, 2000);
                if (!store) return store.error();
                auto rows = store->query(q);
                if (!rows) return rows.error();
                print_result(g.json || args->json, history_json, history_text, *rows);
                return 0;
            }};
}

}  // namespace ctguard
