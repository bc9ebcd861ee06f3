# The daemon's live table: after churn (entries inserted, deleted and updated over ctnetlink, real
# TCP connections opened and closed) `top` and `status` answered from it equal a fresh dump and
# `conntrack -C`; an event overrun is followed by a resync that makes it exact again; the socket is
# root's; a dead, foreign or garbled socket makes the commands read the kernel instead, silently;
# hostile clients do not hurt the daemon.
. "$TEST_LIB"
. "$SRC_DIR/tests/daemon_lib.sh"
. "$SRC_DIR/tests/fill_mixed.sh"
set -e
ns=$(new_netns live)
PEERS="$SRC_DIR/tests/fixture/socket_peers.py"
TCP="$SRC_DIR/tests/fixture/tcp_peers.py"
export CTGUARD_SOCKET="$T/run/ctguard.sock"
SERVER=""
trap 'kill $SERVER 2>/dev/null || true; stop_bg; daemon_cleanup; cleanup_netns' EXIT INT TERM

# same_top BY: top from the daemon and from a fresh dump agree (every group, the totals), and the
# total is the kernel's count. Expiring entries move the table while we look: a bounded wait.
same_top_now() {
    in_ns "$ns" "$CTGUARD" --json top --by "$1" -n 1000000 >"$T/daemon.json" 2>"$T/daemon.err" || return 1
    in_ns "$ns" "$CTGUARD" --json top --by "$1" -n 1000000 --no-daemon >"$T/dump.json" || return 1
    local count
    count=$(in_ns "$ns" conntrack -C)
    /usr/bin/python3 - "$T/daemon.json" "$T/dump.json" "$count" <<'PY'
import json, sys
d, k = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
assert d["source"] == "daemon" and k["source"] == "netlink", (d["source"], k["source"])
for key in ("by", "total", "groups", "other", "rows"):
    assert d[key] == k[key], (key, d[key] if key != "rows" else len(d[key]), k[key] if key != "rows" else len(k[key]))
assert d["total"] == int(sys.argv[3]), (d["total"], sys.argv[3])
PY
}
same_top() {
    local by
    for by in "$@"; do
        wait_until 15 "top --by $by from the daemon to equal a fresh dump and conntrack -C" same_top_now "$by"
        [ ! -s "$T/daemon.err" ] || { cat "$T/daemon.err"; fail "top --by $by wrote to stderr"; }
    done
}

fill_mixed "$ns"
daemon_toml "" >"$T/ctguard.toml"
start_daemon --in "$ns" "$T/ctguard.toml"
wait_log 1 "live table .*: $FILL_MIXED_TOTAL entries read" 10
same_top src state,proto

# Permissions: a root-only directory and socket.
assert_eq "$(stat -c '%a %U %F' "$T/run")" "700 root directory" "socket directory"
assert_eq "$(stat -c '%a %U %F' "$CTGUARD_SOCKET")" "600 root socket" "socket"
# A directory that exists is used as it is, never changed: one like /run (0755) takes the socket, one
# others can write to (like /tmp) is refused. Neither one's mode moves.
mkdir -m 0755 "$T/shared"
mkdir -m 1777 "$T/public"
for dir in shared public; do
    daemon_toml "" "socket = \"$T/$dir/ctguard.sock\"" >"$T/$dir.toml"
done
expect_exit 64 in_ns "$ns" "$CTGUARD" daemon --config "$T/public.toml"
expect_err "socket directory $T/public: is not a directory only root can write to"
assert_eq "$(stat -c '%a' "$T/public")" 1777 "the refused directory's mode"
bg_start ip netns exec "$ns" "$CTGUARD" daemon --config "$T/shared.toml"
wait_until 10 "the socket in $T/shared" test -S "$T/shared/ctguard.sock"
assert_eq "$(stat -c '%a %U %F' "$T/shared/ctguard.sock")" "600 root socket" "the socket in a shared directory"
assert_eq "$(stat -c '%a' "$T/shared")" 755 "the shared directory's mode"
stop_bg

# Churn: inserts, deletes and mark updates over ctnetlink, then real connections on the loopback,
# some held (ESTABLISHED), some closed (their state moves on by update events).
in_ns "$ns" "$FIXTURE" insert --count 5000 --src 198.18.64.0/20 --sources 500 --dport 8080 >/dev/null
in_ns "$ns" conntrack -D -s 198.18.0.10 >/dev/null 2>&1
in_ns "$ns" conntrack -D -p udp >/dev/null 2>&1
# conntrack -U now and then exits 1 while it did update entries: what counts is that some did.
in_ns "$ns" conntrack -U -s 198.18.2.1 -m 0x44 >/dev/null 2>&1 || true
[ "$(in_ns "$ns" conntrack -L -m 0x44 2>/dev/null | wc -l)" -gt 0 ] || fail "conntrack -U set no mark"
in_ns "$ns" /usr/bin/python3 "$TCP" serve 7000 &
SERVER=$!
wait_listen "$ns" 7000
in_ns "$ns" /usr/bin/python3 "$TCP" connect 127.0.0.1 7000 40 0 >"$T/closed"
in_ns "$ns" /usr/bin/python3 "$TCP" connect 127.0.0.1 7000 30 60 >"$T/held" &
wait_until 10 "30 held connections" grep -qx 30 "$T/held"
assert_eq "$(cat "$T/closed")" 40 "closed connections"
same_top src state mark dport,proto

# status from the live table: the kernel's figures, and the live table's own count.
expect_exit 0 in_ns "$ns" "$CTGUARD" --json status
assert_eq "$(json 'j["live"]["entries"] == j["count"]')" True "status: live entries equal the kernel's count"
# The deletes above removed entries made before the daemon listened, which send no events (with
# nf_conntrack_events = 2): the count gave them away, and that is the only kind of resync so far.
assert_eq "$(json 'j["live"]["sync_reason"] in ("start", "stale entries")')" True "sync reason before any overrun"
expect_exit 0 in_ns "$ns" "$CTGUARD" top --by src -n 3
expect_out "from the daemon's live table, resynced"
expect_exit 0 in_ns "$ns" "$CTGUARD" status --no-daemon
grep -q "live table" "$OUT" && fail "status --no-daemon used the daemon"
# Text output is the dump's, but for the footer.
in_ns "$ns" "$CTGUARD" top --by dport -n 5 | head -n -1 >"$T/daemon.txt"
in_ns "$ns" "$CTGUARD" top --by dport -n 5 --no-daemon | head -n -1 >"$T/dump.txt"
diff "$T/daemon.txt" "$T/dump.txt" || fail "top text differs between the daemon and a dump"

# Hostile clients: garbage, a request larger than the limit, one that never finishes. The daemon
# answers with an error or hangs up, and keeps serving.
/usr/bin/python3 "$PEERS" ask "$CTGUARD_SOCKET" 'not json' >"$T/answer"
grep -q '"error"' "$T/answer" || fail "garbage got no error: $(cat "$T/answer")"
/usr/bin/python3 "$PEERS" ask "$CTGUARD_SOCKET" '{"version":2,"command":"top"}' >"$T/answer"
grep -q 'protocol version 2' "$T/answer" || fail "another version got no error: $(cat "$T/answer")"
/usr/bin/python3 "$PEERS" flood "$CTGUARD_SOCKET" 10000000 >"$T/answer"
grep -q 'json' "$T/answer" && fail "a huge request was answered: $(head -c 200 "$T/answer")"
/usr/bin/python3 "$PEERS" idle "$CTGUARD_SOCKET" 5 &
idle=$!
start=$(now_ms)
same_top src
kill "$idle" 2>/dev/null || true
kill -0 "$DPID" || fail "the daemon died"

# SO_PEERCRED: a user other than root who reaches the socket (its modes opened for the test) is
# hung up on unanswered.
chmod 755 "$T" "$T/run"
chmod 666 "$CTGUARD_SOCKET"
req=$(in_ns "$ns" /usr/bin/python3 -c 'import json,os,sys; s=os.stat("/proc/self/ns/net"); print(json.dumps({"version":1,"command":"status","json":True,"netns":{"dev":s.st_dev,"ino":s.st_ino},"thresholds":{"warn":1,"cap":2,"suspend":3}}))')
in_ns "$ns" setpriv --reuid=65534 --regid=65534 --clear-groups /usr/bin/python3 "$PEERS" ask "$CTGUARD_SOCKET" "$req" >"$T/answer"
assert_eq "$(cat "$T/answer")" "" "a non-root peer's answer"
in_ns "$ns" /usr/bin/python3 "$PEERS" ask "$CTGUARD_SOCKET" "$req" >"$T/answer"
grep -q '"output"' "$T/answer" || fail "root's request got no answer: $(cat "$T/answer")"
chmod 700 "$T" "$T/run"
chmod 600 "$CTGUARD_SOCKET"

# Overrun: a 1 MiB event queue, the daemon frozen while 50,000 entries arrive. It resyncs by dump,
# counts and timestamps it, and is exact again.
stop_daemon
daemon_toml "" "live_queue = 1" >"$T/ctguard.toml"
: >"$T/log"
start_daemon --in "$ns" "$T/ctguard.toml"
wait_log 1 "live table .*: [0-9]+ entries read" 10
kill -STOP "$DPID"
in_ns "$ns" "$FIXTURE" insert --count 50000 --src 198.18.96.0/20 --sources 1000 >/dev/null
kill -CONT "$DPID"
wait_log 1 "live table .*: resynced \(overrun" 20
same_top src state
expect_exit 0 in_ns "$ns" "$CTGUARD" --json top --by src -n 1
assert_eq "$(json 'j["live"]["sync_reason"]')" overrun "sync reason"
[ "$(json 'j["live"]["resyncs"]')" -ge 1 ] || fail "no resync counted"

# A dead daemon leaves its socket: the commands dump, silently.
kill -KILL "$DPID"
wait "$DPID" 2>/dev/null || true
DPID=""
[ -S "$CTGUARD_SOCKET" ] || fail "the killed daemon's socket is gone; the stale case is not exercised"
expect_exit 0 in_ns "$ns" "$CTGUARD" --json top --by src -n 1
assert_eq "$(json 'j["source"]')" netlink "top with a dead daemon"
[ ! -s "$ERR" ] || fail "a dead daemon was not silent: $(cat "$ERR")"
expect_exit 0 in_ns "$ns" "$CTGUARD" --json status
assert_eq "$(json '"live" in j')" False "status with a dead daemon"

# Stand-ins: garbage, another protocol version, one that never answers, one that is not root's.
check_fallback() {  # REPLY OWNER WHAT
    rm -f "$CTGUARD_SOCKET" "$T/connections"
    /usr/bin/python3 "$PEERS" serve "$CTGUARD_SOCKET" "$1" "$T/connections" &
    SERVER=$!
    wait_until 10 "the stand-in's socket" test -S "$CTGUARD_SOCKET"
    chown "$2" "$CTGUARD_SOCKET"
    expect_exit 0 in_ns "$ns" "$CTGUARD" --json top --by src -n 1
    assert_eq "$(json 'j["source"]')" netlink "top with $3"
    [ ! -s "$ERR" ] || fail "$3 was not silent: $(cat "$ERR")"
    kill "$SERVER"
    wait "$SERVER" 2>/dev/null || true
}
check_fallback 'garbage' root "a garbled answer"
check_fallback '{"version":2,"output":{"source":"daemon"}}' root "another protocol version"
start=$(now_ms)
check_fallback '-' root "a daemon that never answers"
[ $(($(now_ms) - start)) -lt 10000 ] || fail "a silent daemon held top for $(($(now_ms) - start)) ms"
check_fallback '{"version":1,"output":{"source":"impostor"}}' nobody "a socket that is not root's"
[ ! -s "$T/connections" ] || fail "top connected to a socket that is not root's"

# A tenant's table (live_table = true) from a daemon in this namespace; another without stays a dump.
other=$(new_netns other)
in_ns "$other" "$FIXTURE" insert --count 300 --sources 30 >/dev/null
rm -f "$CTGUARD_SOCKET"
{ daemon_toml ""; printf '[[tenant]]\nnetns = "%s"\nlive_table = true\n[[tenant]]\nnetns = "%s"\n' "$other" "$ns"; } >"$T/ctguard.toml"
: >"$T/log"
start_daemon "$T/ctguard.toml"
wait_log 1 "live table $other: 300 entries read" 10
expect_exit 0 "$CTGUARD" --netns "$other" --json top --by src -n 1
assert_eq "$(json 'j["source"]')" daemon "the live tenant's top"
expect_exit 0 "$CTGUARD" --netns "$ns" --json top --by src -n 1
assert_eq "$(json 'j["source"]')" netlink "a tenant without live_table"
stop_daemon
[ ! -e "$CTGUARD_SOCKET" ] || fail "the daemon left its socket behind after SIGTERM"
