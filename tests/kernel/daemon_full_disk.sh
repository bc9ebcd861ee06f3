# daemon: a full disk under the history database is logged, incidents wait in memory and are saved
# once there is space again. Runs the daemon as the host tenant of a throw-away namespace, with the
# database on a 384 KiB tmpfs mounted inside `ip netns exec`'s private mount namespace (gone with
# it).
. "$TEST_LIB"
set -e
if [ "${1:-}" != "--inner" ]; then
    ns=$(new_netns disk)
    ip netns exec "$ns" bash "$0" --inner
    exit $?
fi

. "$SRC_DIR/tests/daemon_lib.sh"
small="$T/small"
mkdir "$small"
mount -t tmpfs -o size=384k tmpfs "$small"
# The daemon holds the database open: stop it before the tmpfs can be unmounted.
trap 'kill -KILL "$DPID" 2>/dev/null || true; wait "$DPID" 2>/dev/null || true; umount "$small" 2>/dev/null || true; daemon_cleanup' EXIT INT TERM
ip link set lo up

{ daemon_toml "$small/history.db" "top = 100"; printf '[thresholds]\nwarn = 100\nfor = 0.4\n'; } >"$T/ctguard.toml"
start_daemon "$T/ctguard.toml"
wait_file "$small/history.db-wal"
head -c 1M /dev/zero >"$small/fill" 2>/dev/null || true
[ "$(df --output=avail -k "$small" | tail -n1)" -eq 0 ] || fail "the tmpfs is not full"

# Two incidents (up, down, up again) with large evidence: 100 sources, 100 destinations.
"$FIXTURE" insert --count 150 --sources 100 --dst 198.19.0.0/24 --dests 100 >/dev/null
wait_log 1 "tenant host: ok -> elevated" 3
wait_log 1 "history $small/history.db: cannot save 1 incident\(s\): database or disk is full \(free space" 3
conntrack -F 2>/dev/null
wait_log 1 "tenant host: elevated -> ok" 3
"$FIXTURE" insert --count 150 --sources 100 --dst 198.19.0.0/24 --dests 100 --sport-base 30000 >/dev/null
wait_log 2 "tenant host: ok -> elevated" 3
wait_intervals 3
kill -0 "$DPID" || fail "the daemon died on a full disk"

# What is still pending is saved once there is space. The first incident may have been saved already
# while the disk was full (SQLite can reuse pages its WAL already holds), so count the lines that
# say so rather than expect both incidents in one.
saved="history $small/history.db: saved [0-9]+ pending incident\(s\) after [0-9]+ failed attempt\(s\)"
before=$(log_count "$saved")
rm "$small/fill"
wait_log $((before + 1)) "$saved" 4
stop_daemon

expect_exit 0 "$CTGUARD" --json history --db "$small/history.db"
assert_eq "$(json '[(i["end_reason"], i["peak"]) for i in j["incidents"]]')" "[('shutdown', 150), ('recovered', 150)]" "incidents"
assert_eq "$(json 'len(j["incidents"][1]["evidence"][0]["top"]["src"]["rows"])')" 100 "evidence rows"
