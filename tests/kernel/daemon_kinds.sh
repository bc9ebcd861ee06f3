# daemon: zone, mark and CIDR tenants are counted from one shared dump of the daemon's own table
# (each only its own entries, evidence filtered the same way); a pid:N tenant follows the namespace
# of a process and is reported gone when the process exits.
. "$TEST_LIB"
. "$SRC_DIR/tests/daemon_lib.sh"
set -e
k=$(new_netns kinds); p=$(new_netns pid)
in_ns "$k" "$FIXTURE" insert --count 60 --zone 12 >/dev/null
in_ns "$k" "$FIXTURE" insert --count 20 --mark 0x10 >/dev/null
in_ns "$k" "$FIXTURE" insert --count 30 --src 198.18.5.0/24 --sources 10 >/dev/null
ip netns exec "$p" sleep 60 &
holder=$!
trap 'kill "$holder" 2>/dev/null || true; daemon_cleanup; cleanup_netns' EXIT INT TERM
{ daemon_toml ""; cat <<CFG
[thresholds]
warn = 50
[[tenant]]
name = "zone12"
zone = 12
[[tenant]]
name = "mark10"
mark = "0x10/0xff"
[[tenant]]
name = "customer"
cidr = ["198.18.5.0/24"]
warn = 25
[[tenant]]
netns = "pid:$holder"
[[action]]
on = "warn"
exec = "$T/hook.sh"
CFG
} >"$T/ctguard.toml"
# The daemon runs inside the namespace: its own table is the one these tenants share.
start_daemon --in "$k" "$T/ctguard.toml"
wait_events 1 "*-zone12-elevated" 3
wait_events 1 "*-customer-elevated" 3
wait_intervals 3
assert_eq "$(events '*-mark10-*' | wc -l)" 0 "events for the mark tenant (20 of 50)"
assert_eq "$(json 'j["count"]' "$(events '*-zone12-elevated')")" 60 "zone tenant count"
ev=$(events '*-customer-elevated')
assert_eq "$(json 'j["count"], j["top"]["src"]["total"], len(j["top"]["src"]["rows"])' "$ev")" "30 30 10" "CIDR tenant count and evidence"

in_ns "$p" "$FIXTURE" insert --count 60 >/dev/null
wait_events 1 "*-pid:$holder-elevated" 3
kill "$holder"
wait_log 1 "tenant pid:$holder: namespace /proc/$holder/ns/net vanished" 3
stop_daemon
