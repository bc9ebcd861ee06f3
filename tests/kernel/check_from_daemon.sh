# check from the daemon's live table: with a daemon keeping this namespace's table live, `check`
# takes its entries from it (the "entries" query) and groups them exactly as a dump of its own
# would; --no-daemon and --watch dump; a daemon killed with its socket left behind makes check dump,
# silently. The verdict and the processes are not asserted: they judge the whole machine, where
# other tests' stand-in processes come and go.
. "$TEST_LIB"
. "$SRC_DIR/tests/daemon_lib.sh"
. "$SRC_DIR/tests/fill_mixed.sh"
set -e
ns=$(new_netns chk)
export CTGUARD_SOCKET="$T/run/ctguard.sock"

# check_pair: check from wherever it takes its entries, and check --no-daemon, each JSON with its
# exit code and stderr in $T.
check_pair() {
    local rc=0
    "$CTGUARD" --netns "$ns" --json check "$@" >"$T/a.json" 2>"$T/a.err" || rc=$?
    echo "$rc" >"$T/a.rc"
    rc=0
    "$CTGUARD" --netns "$ns" --json check --no-daemon >"$T/k.json" 2>"$T/k.err" || rc=$?
    echo "$rc" >"$T/k.rc"
}
# same_groupings SOURCE [ARGS]: the first of the pair took its entries from SOURCE, the second from
# the kernel, and both grouped the same entries the same way (why not, in $T/why).
same_groupings() {
    local source=$1
    shift
    check_pair "$@"
    /usr/bin/python3 - "$T/a.json" "$T/k.json" "$source" >"$T/why" 2>&1 <<'PY'
import json, sys
a, k = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
assert a["entries_source"] == sys.argv[3], ("entries_source", a["entries_source"])
assert k["entries_source"] == "kernel" and k["resynced_ago"] is None, (k["entries_source"], k["resynced_ago"])
if sys.argv[3] == "daemon":
    assert isinstance(a["resynced_ago"], int) and a["resynced_ago"] >= 0, a["resynced_ago"]
for key in ("src", "dport", "state"):
    assert a["top"][key] == k["top"][key], ("top", key, a["top"][key], k["top"][key])
assert a["traffic"] == k["traffic"], ("traffic", a["traffic"], k["traffic"])
assert a["top"]["src"]["total"] > 0, "no entries"
PY
}
# A few tries, each two whole checks: entries expire and an engineer's stand-in process may come
# or go between the two runs of a pair.
retry() {
    local what=$1 i=0 end=$(($(date +%s) + 30))
    shift
    until "$@"; do
        [ "$(date +%s)" -lt "$end" ] || { cat "$T/why"; fail "$what"; }
    done
}

fill_mixed "$ns"
daemon_toml "" >"$T/ctguard.toml"
start_daemon --in "$ns" "$T/ctguard.toml"
wait_log 1 "live table .*: $FILL_MIXED_TOTAL entries read" 10
# Entries the live table learns from events, not from its dump; and some removed.
in_ns "$ns" "$FIXTURE" insert --count 300 --src 198.18.64.0/24 --sources 30 --dport 8080 >/dev/null
in_ns "$ns" "$FIXTURE" insert --count 200 --src 2001:db8:9::/64 --sources 20 --dst 2001:db8:2::9 \
    --proto udp --dport 443 >/dev/null
in_ns "$ns" conntrack -D -s 198.18.64.3 >/dev/null 2>&1
live_is_kernel() {
    local live
    in_ns "$ns" "$CTGUARD" --json status >"$T/status.json"
    live=$(json 'j["live"]["entries"]' "$T/status.json")
    [ "$live" = "$(in_ns "$ns" conntrack -C)" ]
}
wait_until 10 "the live table to hold the kernel's count" live_is_kernel

retry "check from the daemon grouped other entries than check --no-daemon" same_groupings daemon
seen=$(json 'j["top"]["src"]["total"]' "$T/a.json")
[ "$seen" -ge 2300 ] || fail "check saw $seen entries"
cmp -s "$T/a.err" "$T/k.err" || { cat "$T/a.err"; fail "check from the daemon wrote another stderr"; }

# Text: the footer says where the entries came from; a dump says nothing.
rc=0
"$CTGUARD" --netns "$ns" check >"$T/text" 2>/dev/null || rc=$?
[ "$rc" -le 2 ] || fail "check exited $rc"
tail -n 1 "$T/text" | grep -qE "^from the daemon's live table, resynced [0-9]+ s ago \(" ||
    { cat "$T/text"; fail "check's last line does not say the daemon's live table"; }
"$CTGUARD" --netns "$ns" check --no-daemon >"$T/text" 2>/dev/null || true
grep -q "live table" "$T/text" && fail "check --no-daemon names the live table"

# --watch follows processes and dumps the table every second: never the daemon's copy.
retry "check --watch took the daemon's entries" same_groupings kernel --watch 0.2

# A client that asks for the entries and then reads nothing: the whole answer waits in the socket's
# buffer, and the daemon answers the next client at once (not after its 2 s deadline).
req=$(in_ns "$ns" /usr/bin/python3 -c 'import json,os; s=os.stat("/proc/self/ns/net"); print(json.dumps(
    {"version":1,"command":"entries","json":False,"netns":{"dev":s.st_dev,"ino":s.st_ino}}))')
/usr/bin/python3 "$SRC_DIR/tests/fixture/socket_peers.py" stall "$CTGUARD_SOCKET" "$req" 5 >"$T/stall" &
stall=$!
wait_until 10 "the stalling client to have the answer's header" grep -q stalled "$T/stall"
start=$(now_ms)
expect_exit 0 in_ns "$ns" "$CTGUARD" --json top --by src -n 1
took=$(($(now_ms) - start))
assert_eq "$(json 'j["source"]')" daemon "top while another client stalls on the entries"
[ "$took" -lt 1000 ] || fail "a client stalling on the entries held top for $took ms"
kill "$stall" 2>/dev/null || true
wait "$stall" 2>/dev/null || true

# A daemon that died leaves its socket: check dumps, silently, and ends the same way.
kill -KILL "$DPID"
wait "$DPID" 2>/dev/null || true
DPID=""
[ -S "$CTGUARD_SOCKET" ] || fail "the killed daemon's socket is gone; the stale case is not exercised"
stale_same() {
    same_groupings kernel || return 1
    cmp -s "$T/a.err" "$T/k.err" || { cp "$T/a.err" "$T/why"; return 1; }
    [ "$(cat "$T/a.rc")" = "$(cat "$T/k.rc")" ] ||
        { echo "exit $(cat "$T/a.rc") against $(cat "$T/k.rc")" >"$T/why"; return 1; }
}
retry "check with a dead daemon's socket was not a plain dump" stale_same
