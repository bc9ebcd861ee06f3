# daemon: [[tenant]] discover = "all" makes every namespace found a tenant, named as its owner knows
# it (an `ip netns` name, or pid:N(comm) for one only a process holds), picked up and dropped live;
# "containers" leaves out what no container runtime made.
. "$TEST_LIB"
. "$SRC_DIR/tests/daemon_lib.sh"
set -e
named=$(new_netns disc)
in_ns "$named" "$FIXTURE" insert --count 20 >/dev/null

{ daemon_toml "" 'listen = "127.0.0.1:0"'; cat <<CFG
[thresholds]
warn = 100
cap = 200
suspend = 300
[[tenant]]
discover = "all"
CFG
} >"$T/ctguard.toml"
expect_exit 0 "$CTGUARD" daemon --check-config "$T/ctguard.toml"
expect_out "discover=all (each)"
start_daemon "$T/ctguard.toml"
wait_log 1 "tenant $named: watching namespace /run/netns/$named \(found by 'discover=all'\)"

# An unnamed namespace appears: it becomes a tenant within a few intervals, and its count is its own.
bg_start unshare -n sleep 303
holder=${BG_PIDS##* }
wait_until 10 "the holder's own namespace" sh -c "[ \"\$(readlink /proc/$holder/ns/net)\" != \"\$(readlink /proc/1/ns/net)\" ]"
nsenter -t "$holder" -n "$FIXTURE" insert --count 150 --src 198.18.9.0/24 --sources 5 >/dev/null
tenant="pid:$holder(sleep)"
wait_log 1 "tenant pid:$holder\(sleep\): watching namespace /proc/$holder/ns/net"
url=$(metrics_url)
wait_metrics "$url" "^ctguard_conntrack_level\{tenant=\"pid:$holder\(sleep\)\",level=\"elevated\"\} 1" 5
grep -qxF "ctguard_conntrack_entries{tenant=\"$named\"} 20" "$T/metrics" || fail "the named namespace's count"

# It goes away with its process; the daemon drops the tenant and goes on.
kill "$holder"
wait_log 1 "tenant pid:$holder\(sleep\): namespace vanished; no longer watched"
wait_intervals 2
stop_daemon

# "containers": neither an `ip netns` name nor a plain process's namespace is a container's.
{ daemon_toml ""; printf '[[tenant]]\ndiscover = "containers"\n'; } >"$T/containers.toml"
start_daemon "$T/containers.toml"
wait_intervals 3
[ "$(log_count "tenant $named: watching")" -eq 0 ] || fail "an ip netns name was taken for a container"
stop_daemon
