# A namespace whose name is all digits (`ip netns add 101`) is that namespace, not a PID's: the daemon
# watches and caps it, not /proc/NUMBER/ns/net. The name here is this script's own PID, whose
# /proc/PID/ns/net is the host's: the namespace a PID reading would watch, and cap.
. "$TEST_LIB"
. "$SRC_DIR/tests/daemon_lib.sh"
set -e
[ "$(id -u)" -eq 0 ] || skip "needs root for network namespaces"
num=$$
ip netns add "$num" || fail "ip netns add $num"
trap 'daemon_cleanup; ip netns del "$num" 2>/dev/null; cleanup_netns' EXIT INT TERM
ip -n "$num" link set lo up
in_ns "$num" "$FIXTURE" insert --count 60 >/dev/null

# The CLI: a number that names a namespace under /run/netns is that namespace (pid:N is the process).
expect_exit 0 "$CTGUARD" --netns "$num" --json status
assert_eq "$(json 'j["count"]')" 60 "count through --netns $num"

{ daemon_toml ""; netns_tenants "$num"; cap_action_config; } >"$T/ctguard.toml"
start_daemon "$T/ctguard.toml"
wait_log 1 "tenant $num: watching namespace /run/netns/$num"
wait_log 1 "tenant $num: ok -> elevated: 60 entries"
in_ns "$num" "$FIXTURE" insert --count 100 --src 198.18.9.0/24 >/dev/null
wait_log 1 "tenant $num: cap: new connections from a source with 3 tracked are dropped" 3
in_ns "$num" nft list tables | grep -q ctguard_daemon || fail "no cap in the namespace $num"
nft list tables | grep -q ctguard_daemon && fail "the cap landed in the host"
stop_daemon
in_ns "$num" nft list tables | grep -q ctguard_daemon && fail "the cap outlived the daemon"
true
