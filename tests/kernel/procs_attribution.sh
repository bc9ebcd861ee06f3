# procs: real TCP/UDP flows (IPv4 and IPv6) are joined to the processes that opened them; random-
# named copies under /tmp are flagged with reasons, a raw-socket holder is listed, and ordinary
# listeners (python3 http.server, sshd) are not flagged.
. "$TEST_LIB"
. "$SRC_DIR/tests/procs_lib.sh"
set -e
procs_setup procs

ip -n "$ns" addr add 198.18.0.1/32 dev lo
ip -n "$ns" addr add 198.18.0.2/32 dev lo
ip -n "$ns" addr add 2001:db8::1/128 dev lo nodad

# Ordinary servers.
ip netns exec "$ns" /usr/bin/python3 -m http.server 8000 --bind 198.18.0.1 >/dev/null 2>&1 & pids="$pids $!"; py=$!
ip netns exec "$ns" /usr/bin/python3 -m http.server 8000 --bind 2001:db8::1 >/dev/null 2>&1 & pids="$pids $!"
ip netns exec "$ns" /usr/bin/python3 -c '
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("198.18.0.1", 5300))
while True:
    d, a = s.recvfrom(512); s.sendto(d, a)' & pids="$pids $!"
ssh-keygen -q -t ed25519 -N "" -f "$work/hostkey"
# sshd wants /run/sshd: give it one in its own mount namespace, not on the host.
ip netns exec "$ns" unshare -m sh -c "mount -t tmpfs tmpfs /run && mkdir -m 755 /run/sshd && exec /usr/sbin/sshd -D -f /dev/null \
    -h $work/hostkey -o ListenAddress=198.18.0.1:2222 -o PidFile=none" & pids="$pids $!"
wait_listen "$ns" 2222
wait_listen "$ns" 8000
wait_listen "$ns" 5300 udp
sshd_pid=$(in_ns "$ns" ss -Htlnp 'sport = :2222' | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -n1)
[ -n "$sshd_pid" ] || fail "sshd did not start"

# The malware stand-ins: one binary copied under random names into a temp dir under /tmp.
for n in dmsFZqnoz13z kTq8vLw2Zx9p pZ3mQx7RtY1b; do cp "$FLOW_FIXTURE" "$work/$n"; done
ip netns exec "$ns" "$work/dmsFZqnoz13z" client --tcp 198.18.0.1 8000 30 --udp 198.18.0.1 5300 10 --ready "$work/a" \
    --lifetime 40 & pids="$pids $!"
ip netns exec "$ns" "$work/kTq8vLw2Zx9p" client --tcp 2001:db8::1 8000 10 --ready "$work/b" --lifetime 40 & pids="$pids $!"
ip netns exec "$ns" "$work/pZ3mQx7RtY1b" client --tcp 198.18.0.1 2222 5 --raw --packet --ready "$work/c" --lifetime 40 & pids="$pids $!"
wait_file "$work/a" "$work/b" "$work/c"
a=$(cat "$work/a"); b=$(cat "$work/b"); c=$(cat "$work/c")

expect_exit 0 in_ns "$ns" "$CTGUARD" --json procs
cp "$OUT" "$work/procs.json"
proc() { json "[p for p in j['processes'] if p['pid']==$1][0]$2" "$work/procs.json"; }
fixture_flows=$(( $(proc "$a" "['flows']") + $(proc "$b" "['flows']") + $(proc "$c" "['flows']") ))
total=$(json 'j["flows"]["total"]' "$work/procs.json")
echo "fixture flows attributed: $fixture_flows of 55 opened; table: $total entries"
[ "$fixture_flows" -ge 53 ] || fail "attributed $fixture_flows of the fixtures' 55 flows (< 95%)"
[ "$(json 'j["flows"]["attributed"] * 100 // j["flows"]["total"]' "$work/procs.json")" -ge 95 ] || fail "attributed < 95% of the table"
[ "$(proc "$b" "['flows']")" -ge 10 ] || fail "IPv6 flows not attributed"
for p in "$a" "$b" "$c"; do
    assert_eq "$(proc "$p" "['suspicious']")" True "fixture $p suspicious"
    proc "$p" "['reasons']" | grep -q "looks random" || fail "fixture $p: no random-name reason"
    proc "$p" "['reasons']" | grep -q "runs from /tmp" || fail "fixture $p: no /tmp reason"
done
assert_eq "$(json "[(h['raw'], h['packet']) for h in j['raw_socket_holders'] if h['pid']==$c]" "$work/procs.json")" "[(1, 1)]" "raw-socket holder"
# One binary under three names, all alive: a rotating group.
assert_eq "$(json "sorted(n for g in j['rotating'] for n in g['names'] if $a in g['pids'])" "$work/procs.json")" \
    "['dmsFZqnoz13z', 'kTq8vLw2Zx9p', 'pZ3mQx7RtY1b']" "rotating group names"

# Ordinary processes: not flagged.
for p in "$py" "$sshd_pid"; do
    expect_exit 0 in_ns "$ns" "$CTGUARD" --json procs --pid "$p"
    assert_eq "$(json 'len(j["processes"])')" 1 "--pid $p"
    assert_eq "$(json 'j["processes"][0]["suspicious"]')" False "pid $p ($(json 'j["processes"][0]["comm"]')) suspicious"
    assert_eq "$(json 'j["processes"][0]["reasons"]')" "[]" "reasons for pid $p"
done

# top --by process names the same owner.
expect_exit 0 in_ns "$ns" "$CTGUARD" --json top --by process
assert_eq "$(json "[r['count'] for r in j['rows'] if r['process']=='dmsFZqnoz13z[$a]']")" "[40]" "top --by process"
echo "ok"
