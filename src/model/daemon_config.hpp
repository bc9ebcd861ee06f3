#pragma once
// `ctguard daemon` configuration (docs/CLI.md "The daemon"), as config/daemon_config.hpp
// parses and validates it from TOML.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/filter.hpp"
#include "model/ip.hpp"
#include "model/level.hpp"

namespace ctguard {

enum class TenantKind {
    host,        // the daemon's own namespace (the only tenant when none are configured)
    netns,       // a name under /run/netns, a path, or pid:N
    netns_glob,  // every /run/netns name matching a glob, re-scanned each interval
    netns_discover,  // every namespace found ("all") or every container's ("containers"), each interval
    zone,        // conntrack zone, mark or CIDR: counted from one shared dump of the host table
    mark,
    cidr,
};

struct TenantSpec {
    std::string name;  // finders: each namespace found becomes a tenant named after it
    TenantKind kind = TenantKind::host;
    std::string netns;  // netns; netns_glob: the glob; netns_discover: "all" or "containers"
    uint16_t zone = 0;
    MarkMatch mark;
    std::vector<Cidr>
        cidrs;  // an entry belongs to the tenant when its original source or destination is inside
    Thresholds thresholds;
    double recover_after = 30;  // `for`: seconds below 90% of a level's threshold before it recovers
    int line = 0;               // where the tenant is defined, for log messages
    // netns tenants: keep the table in memory for the socket's queries (the daemon's own table, which
    // host, zone, mark and CIDR tenants count in, always is)
    bool live_table = false;

    // Same source of entries (reload keeps the runtime state of tenants for which this holds).
    bool same_source(const TenantSpec& o) const;
    // A glob or a discovery finds tenants instead of being one; finder() is what each member records
    // as what found it ("vps*", "discover=all").
    bool is_finder() const { return kind == TenantKind::netns_glob || kind == TenantKind::netns_discover; }
    std::string finder() const { return kind == TenantKind::netns_discover ? "discover=" + netns : netns; }
};

struct ActionSpec {
    std::vector<Level> on;          // Level::ok stands for "recover"
    std::vector<std::string> argv;  // exec: run with the event JSON on stdin (no shell)
    std::optional<uint32_t> cap;    // built-in: per-source `ct count` cap in the tenant's namespace
    bool shield = false;            // built-in: `ctguard shield` in the tenant's namespace
    double timeout = 10;
    std::vector<std::string> tenants;  // name globs; empty: every tenant
    int line = 0;

    bool wants(Level level) const;
    // cap and shield act at the level change itself, in the tenant's namespace; exec waits for evidence.
    bool builtin() const { return cap.has_value() || shield; }
    bool applies_to(std::string_view tenant) const;
    std::string describe() const;  // "exec /usr/local/sbin/notify", "cap 200" or "shield"
};

struct DaemonConfig {
    double interval = 1;
    std::string db = "/var/lib/ctguard/history.db";  // "" turns the history off
    std::string listen = "127.0.0.1:9469";           // "" turns /metrics off (checked by the server's parser)
    int listen_line = 0;                             // where `listen` is written, for its error message
    double retention = 90 * 86400.0;                 // closed incidents older than this are deleted
    size_t top = 10;                                 // rows per evidence list
    double top_interval = 60;                        // seconds between top-N refreshes; 0: off
    size_t max_running_actions = 4;                  // exec hooks running at once; more wait in a queue
    // Tenants found by a glob or discovery that get /metrics series of their own: the fullest N; the
    // rest are summed into tenant "(other)", so a host with thousands of containers stays scrapable.
    size_t metrics_tenants = 200;
    // The query socket of the live tables (`top` and `status` ask it); "" turns both off.
    std::string socket = "/run/ctguard/ctguard.sock";
    uint64_t live_queue_mib = 64;  // each live table's event queue
    Thresholds thresholds;
    double recover_after = 30;
    std::vector<TenantSpec> tenants;  // never empty: without [[tenant]] it holds the host
    std::vector<ActionSpec> actions;
};

// What an action's `on` calls a change to `level`: the threshold crossed (warn, cap, suspend), or
// "recover" for the way back to ok. Events themselves carry level_name().
std::string_view trigger_name(Level level);
std::optional<Level> parse_trigger(std::string_view name);
// Does a tenant name match a glob ("vps*")? fnmatch(3) rules.
bool name_matches(std::string_view glob, std::string_view name);
bool is_glob(std::string_view text);

}  // namespace ctguard
