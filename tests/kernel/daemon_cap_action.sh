# daemon: the built-in `cap` action puts a per-source `ct count` cap into the tenant's own namespace
# on suspend (and only there), it really drops a source's connections beyond the cap, and recovery
# removes it; so does the daemon's stop, and its start removes a cap an earlier run left.
. "$TEST_LIB"
. "$SRC_DIR/tests/daemon_lib.sh"
set -e
a=$(new_netns a); b=$(new_netns b)
{ daemon_toml ""; netns_tenants "$a" "$b"; cap_action_config "for = 0.4"; } >"$T/ctguard.toml"
start_daemon "$T/ctguard.toml"
wait_log 2 "watching namespace"
in_ns "$a" "$FIXTURE" insert --count 160 >/dev/null
wait_log 1 "tenant $a: cap: new connections from a source with 3 tracked are dropped \(nft table inet ctguard_daemon\)" 3
in_ns "$a" nft list table inet ctguard_daemon >"$T/rules" || fail "no ctguard_daemon table in $a"
grep -q "ip saddr ct count over 3" "$T/rules" || { cat "$T/rules"; fail "no per-source cap rule"; }
in_ns "$b" nft list tables | grep -q ctguard_daemon && fail "the cap leaked into $b"
nft list tables | grep -q ctguard_daemon && fail "the cap leaked into the host"

# Six connections from 127.0.0.1 to a local listener: the first three pass, the rest are dropped.
passed=$(in_ns "$a" /usr/bin/python3 -c '
import socket
srv = socket.socket(); srv.bind(("127.0.0.1", 0)); srv.listen(16)
ok, keep = 0, []
for _ in range(6):
    c = socket.socket(); c.settimeout(0.3)
    try:
        c.connect(srv.getsockname()); ok += 1; keep.append(c)
    except OSError:
        pass
print(ok)')
assert_eq "$passed" 3 "connections through a cap of 3"

in_ns "$a" conntrack -F 2>/dev/null
wait_log 1 "tenant $a: cap: removed" 3
in_ns "$a" nft list tables | grep -q ctguard_daemon && fail "the cap stayed after recovery"

# Stopped while the cap is applied: nothing would remove it after the daemon, so it goes with it.
in_ns "$a" "$FIXTURE" insert --count 160 >/dev/null
wait_log 2 "tenant $a: cap: new connections from a source" 3
stop_daemon
grep -q "tenant $a: cap: removed (nft table inet ctguard_daemon)" <(sed -n '/stopping/,$p' "$T/log") ||
    { cat "$T/log"; fail "no removal logged at the stop"; }
in_ns "$a" nft list tables | grep -q ctguard_daemon && fail "the cap outlived the daemon"
grep -q "tenant $b: cap" "$T/log" && fail "a cap was removed where none was applied"

# A table an earlier run left (killed with SIGKILL, say) in a namespace now calm: removed at start.
in_ns "$a" conntrack -F 2>/dev/null
in_ns "$b" nft -f - <<'NFT'
table inet ctguard_daemon {
    chain input { type filter hook input priority filter; policy accept; ct state new drop; }
}
NFT
start_daemon "$T/ctguard.toml"
wait_log 1 "tenant $b: cap: removed the nft table inet ctguard_daemon an earlier run left"
in_ns "$b" nft list tables | grep -q ctguard_daemon && fail "the stale cap stayed"
wait_intervals 2
grep -q "tenant $a: cap" "$T/log" && fail "a removal was logged where no table was left"
stop_daemon
