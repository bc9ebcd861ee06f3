# daemon: the built-in `shield` action loads `ctguard shield` into the tenant's own namespace on
# suspend (SYNPROXY for its listener, the sysctls it needs), and only there; recovery removes it and
# puts the sysctls back, so does the daemon's stop, and its start removes one an earlier run left. A
# shield the admin loaded with `ctguard shield --apply` is never touched. The daemon runs in a private
# mount namespace whose /var/lib is a temp directory, so the saved sysctls never reach the machine's.
. "$TEST_LIB"
. "$SRC_DIR/tests/daemon_lib.sh"
set -e
command -v nft >/dev/null || skip "needs nft"
a=$(new_netns sa); b=$(new_netns sb)
mkdir "$T/varlib"
real=$CTGUARD
CTGUARD=$T/ctguard-private  # start_daemon runs it: unshare execs sh, which execs ctguard (one PID)
cat >"$CTGUARD" <<EOF
#!/bin/sh
exec unshare -m --propagation private sh -c 'mount --bind "\$0" /var/lib && exec "\$@"' "$T/varlib" "$real" "\$@"
EOF
chmod +x "$CTGUARD"

# A listener on an address of its own in each namespace (a veth pair joins them): what SYNPROXY is for.
ip link add sva netns "$a" type veth peer name svb netns "$b"
ip -n "$a" addr add 198.18.79.1/24 dev sva
ip -n "$b" addr add 198.18.79.2/24 dev svb
ip -n "$a" link set sva up
ip -n "$b" link set svb up
for ns in "$a" "$b"; do
    in_ns "$ns" sysctl -qw net.netfilter.nf_conntrack_tcp_loose=1
    bg_start ip netns exec "$ns" /usr/bin/python3 -c '
import socket, time
s = socket.socket(); s.bind(("0.0.0.0", 8080)); s.listen(8)
time.sleep(120)'
    wait_listen "$ns" 8080
done
trap 'stop_bg; daemon_cleanup; cleanup_netns' EXIT INT TERM
loose() { in_ns "$1" sysctl -n net.netfilter.nf_conntrack_tcp_loose; }
has_shield() { in_ns "$1" nft list tables | grep -q "inet ctguard_shield"; }
saved() { find "$T/varlib/ctguard/shield" -name 'net-*.conf' 2>/dev/null; }

{
    daemon_toml ""; netns_tenants "$a" "$b"
    printf '[thresholds]\nwarn = 50\ncap = 100\nsuspend = 150\nfor = 0.4\n'
    printf '[[action]]\non = ["suspend", "recover"]\nshield = true\n'
} >"$T/ctguard.toml"
start_daemon "$T/ctguard.toml"
wait_log 2 "watching namespace"
in_ns "$a" "$FIXTURE" insert --count 160 >/dev/null
wait_log 1 "tenant $a: shield: loaded \(nft table inet ctguard_shield\): synproxy on tcp 8080" 5
grep -m1 "shield: loaded" "$T/log"
in_ns "$a" nft list table inet ctguard_shield >"$T/rules"
grep -q "synproxy" "$T/rules" || { cat "$T/rules"; fail "no synproxy rule in $a"; }
grep -q "8080" "$T/rules" || { cat "$T/rules"; fail "the listener's port is not in the shield"; }
assert_eq "$(loose "$a")" 0 "nf_conntrack_tcp_loose in $a while shielded"
grep -qx "owner daemon" "$(saved)" || { cat "$(saved)"; fail "the saved file does not name the daemon"; }
has_shield "$b" && fail "the shield leaked into $b"
nft list tables | grep -q ctguard_shield && fail "the shield leaked into the host"
assert_eq "$(loose "$b")" 1 "nf_conntrack_tcp_loose in $b"

in_ns "$a" conntrack -F 2>/dev/null
wait_log 1 "tenant $a: shield: removed, and its sysctls put back" 5
has_shield "$a" && fail "the shield stayed after recovery"
assert_eq "$(loose "$a")" 1 "nf_conntrack_tcp_loose in $a after recovery"
[ -z "$(saved)" ] || fail "the saved file stayed after recovery: $(saved)"

# Stopped while shielded: nothing would remove it after the daemon, so it goes with it.
in_ns "$a" "$FIXTURE" insert --count 160 >/dev/null
wait_log 2 "tenant $a: shield: loaded" 5
stop_daemon
sed -n '/stopping/,$p' "$T/log" | grep -q "tenant $a: shield: removed, and its sysctls put back" ||
    { cat "$T/log"; fail "no removal logged at the stop"; }
has_shield "$a" && fail "the shield outlived the daemon"
assert_eq "$(loose "$a")" 1 "nf_conntrack_tcp_loose in $a after the stop"
grep -q "tenant $b: shield" "$T/log" && fail "a shield was acted on in $b"

# Killed while shielded: the next start finds the namespace calm and removes what was left.
in_ns "$a" conntrack -F 2>/dev/null
start_daemon "$T/ctguard.toml"
wait_log 2 "watching namespace"
in_ns "$a" "$FIXTURE" insert --count 160 >/dev/null
wait_log 1 "tenant $a: shield: loaded" 5
kill -KILL "$DPID"; wait "$DPID" 2>/dev/null || true
has_shield "$a" || fail "no shield left after SIGKILL (the test needs one)"
in_ns "$a" conntrack -F 2>/dev/null
start_daemon "$T/ctguard.toml"
wait_log 1 "tenant $a: shield: removed the shield an earlier run left" 5
has_shield "$a" && fail "the stale shield stayed"
assert_eq "$(loose "$a")" 1 "nf_conntrack_tcp_loose after the stale shield went"
stop_daemon

# The admin's own shield: the daemon neither reloads nor removes it, at the change, recovery or stop.
# (A namespace that tracks nothing gets no shield: a few entries say it does.)
in_ns "$a" conntrack -F 2>/dev/null
in_ns "$a" "$FIXTURE" insert --count 10 --sport-base 50000 >/dev/null
in_ns "$a" "$CTGUARD" shield --apply >/dev/null
has_shield "$a" || fail "ctguard shield --apply loaded nothing"
in_ns "$a" nft list table inet ctguard_shield >"$T/admin-rules"
start_daemon "$T/ctguard.toml"
wait_log 2 "watching namespace"
in_ns "$a" "$FIXTURE" insert --count 160 >/dev/null
wait_log 1 "tenant $a: shield: already loaded by 'ctguard shield --apply': left as it is" 5
in_ns "$a" conntrack -F 2>/dev/null
wait_log 1 "tenant $a: shield: left loaded: 'ctguard shield --apply' loaded it" 5
stop_daemon
has_shield "$a" || fail "the daemon removed the admin's shield"
in_ns "$a" nft list table inet ctguard_shield | diff -u "$T/admin-rules" - >/dev/null ||
    fail "the daemon changed the admin's shield"
in_ns "$a" "$CTGUARD" shield --remove >/dev/null
has_shield "$a" && fail "ctguard shield --remove left the admin's shield"
assert_eq "$(loose "$a")" 1 "nf_conntrack_tcp_loose after the admin's --remove"
