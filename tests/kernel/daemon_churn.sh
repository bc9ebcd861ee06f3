# daemon: a netns glob picks up 200 namespaces created while it runs and drops them when they are
# removed; a listed tenant whose namespace disappears is reported and picked up again when it comes
# back; the other tenants keep being watched throughout.
. "$TEST_LIB"
. "$SRC_DIR/tests/daemon_lib.sh"
set -e
[ "$(id -u)" -eq 0 ] || skip "needs root for network namespaces"
steady=$(new_netns steady)
gone=$(new_netns gone)
glob="ctg-$$-churn"
churn_cleanup() {
    for i in $(seq 1 200); do echo "netns del $glob$i"; done | ip -force -batch - 2>/dev/null || true
}
trap 'daemon_cleanup; churn_cleanup; cleanup_netns' EXIT INT TERM

{ daemon_toml "$T/history.db"; netns_tenants "$glob*" "$steady" "$gone"; cat <<CFG
[thresholds]
warn = 50
cap = 200
suspend = 300
for = 0.4
[[action]]
on = ["warn", "recover"]
exec = "$T/hook.sh"
CFG
} >"$T/ctguard.toml"
start_daemon "$T/ctguard.toml"
wait_log 2 "watching namespace"

for i in $(seq 1 200); do echo "netns add $glob$i"; done | ip -batch -
wait_log 202 "watching namespace" 10
for i in 7 77 177; do ip netns exec "$glob$i" "$FIXTURE" insert --count 60 >/dev/null; done
wait_events 3 "*-$glob*-elevated" 5
assert_eq "$(events "*-$glob*" | wc -l)" 3 "events from the glob tenants"

# A listed tenant's namespace goes away and comes back. `ip netns del` unmounts the namespace before
# it removes the file, and a daemon that looks in between finds a plain file: held here, that state
# must read as gone too (it once read as "re-created", and the tenant failed to open a non-namespace).
umount "/run/netns/$gone"
wait_log 1 "tenant $gone: namespace /run/netns/$gone vanished" 3
rm "/run/netns/$gone"
ip netns add "$gone"
wait_log 2 "tenant $gone: watching namespace" 3

# All 200 go away while the daemon runs; their open incidents end as "vanished".
for i in $(seq 1 200); do echo "netns del $glob$i"; done | ip -batch -
wait_log 200 "tenant $glob[0-9]+: namespace vanished; no longer watched" 10

# Still watching what is left.
in_ns "$steady" "$FIXTURE" insert --count 60 >/dev/null
wait_events 1 "*-$steady-elevated" 2
in_ns "$gone" "$FIXTURE" insert --count 60 >/dev/null
wait_events 1 "*-$gone-elevated" 2
stop_daemon

expect_exit 0 "$CTGUARD" --json history --db "$T/history.db" --tenant "$glob*"
assert_eq "$(json 'sorted((i["tenant"], i["end_reason"]) for i in j["incidents"])')" \
    "[('${glob}177', 'vanished'), ('${glob}7', 'vanished'), ('${glob}77', 'vanished')]" "glob incidents"
expect_exit 0 "$CTGUARD" --json history --db "$T/history.db" --tenant "$steady"
assert_eq "$(json 'j["incidents"][0]["end_reason"]')" shutdown "open incident at SIGTERM"
