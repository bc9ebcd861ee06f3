# Shared helpers for tests/cli/*.sh and tests/kernel/*.sh (sourced by bash). Helpers keep their
# variables local so they never clobber the caller's.
# Environment from ctest: CTGUARD (the binary), FIXTURE (ct_fixture), SRC_DIR.
set -u

fail() { echo "FAIL: $*" >&2; exit 1; }
skip() { echo "SKIP: $*"; exit 77; }

# expect_exit CODE CMD...   runs CMD, captures stdout/stderr into $OUT / $ERR, checks the exit code.
expect_exit() {
    local want=$1 got; shift
    OUT=$(mktemp); ERR=$(mktemp)
    set +e
    "$@" >"$OUT" 2>"$ERR"
    got=$?
    set -e
    if [ "$got" -ne "$want" ]; then
        echo "--- stdout"; cat "$OUT"; echo "--- stderr"; cat "$ERR"
        fail "'$*' exited $got, wanted $want"
    fi
}

# expect_err TEXT   the stderr of the last expect_exit has TEXT on its first line.
expect_err() {
    head -n1 "$ERR" | grep -qF -- "$1" || fail "stderr first line '$(head -n1 "$ERR")' lacks '$1'"
}
expect_out() { grep -qF -- "$1" "$OUT" || { cat "$OUT"; fail "stdout lacks '$1'"; }; }
assert_eq() { [ "$1" = "$2" ] || fail "${3:-values differ}: got '$1', wanted '$2'"; }

# json EXPR [FILE]   evaluates a Python expression over the JSON document in FILE (default $OUT), as `j`.
json() { /usr/bin/python3 -c "import json,sys; j=json.load(open(sys.argv[2])); print($1)" "$1" "${2:-$OUT}"; }

# Throw-away network namespaces: ns=$(new_netns NAME) creates ctg-$$-NAME. new_netns runs in a
# subshell, so cleanup finds the namespaces by their prefix ($$ is this script's PID there too).
cleanup_netns() {
    local ns
    for ns in $(ip netns list 2>/dev/null | awk '{print $1}' | grep "^ctg-$$-"); do
        ip netns pids "$ns" 2>/dev/null | xargs -r kill -9 2>/dev/null || true
        ip netns del "$ns" 2>/dev/null || true
    done
}
# Background servers: bg_start CMD... runs CMD in the background (redirect the call to capture its
# output); stop_bg ends them all and waits. Call bg_start directly, not in $(...), so the PID is kept.
BG_PIDS=""
bg_start() { "$@" & BG_PIDS="$BG_PIDS $!"; }
stop_bg() {
    for pid in $BG_PIDS; do kill "$pid" 2>/dev/null || true; done
    for pid in $BG_PIDS; do wait "$pid" 2>/dev/null || true; done
    BG_PIDS=""
}
trap 'stop_bg; cleanup_netns' EXIT INT TERM
new_netns() {
    [ "$(id -u)" -eq 0 ] || skip "needs root for network namespaces"
    local ns="ctg-$$-$1"
    ip netns add "$ns" || fail "ip netns add $ns"
    ip -n "$ns" link set lo up
    echo "$ns"
}
in_ns() { local ns=$1; shift; ip netns exec "$ns" "$@"; }
# wait_file FILE... : until every FILE exists (fixtures write theirs atomically), at most 10 s.
wait_file() {
    local f i
    for f in "$@"; do
        i=0
        until [ -f "$f" ]; do
            i=$((i + 1))
            [ "$i" -le 200 ] || fail "waited 10s for $f"
            sleep 0.05
        done
    done
}

# wait_until SECONDS WHAT CMD...: until CMD succeeds, polling every 50 ms; fails naming WHAT after SECONDS.
wait_until() {
    local secs=$1 what=$2 i=0
    shift 2
    until "$@" >/dev/null 2>&1; do
        i=$((i + 1))
        [ "$i" -le $((secs * 20)) ] || fail "waited ${secs}s for $what"
        sleep 0.05
    done
}
# wait_listen NS PORT [udp]: until a TCP (or UDP) socket in NS listens on PORT (at most 10 s).
wait_listen() {
    local kind=t
    [ "${3:-tcp}" = udp ] && kind=u
    wait_until 10 "a listener on port $2 in $1" sh -c "ip netns exec '$1' ss -Hl${kind}n 'sport = :$2' | grep -q ."
}

# make_proc_tree DIR COUNT MAX: a --root tree with the conntrack files of a live kernel, filled from
# the recorded table in tests/data (9 entries).
make_proc_tree() {
    local dir=$1
    mkdir -p "$dir/proc/net/stat" "$dir/proc/sys/net/netfilter"
    cp "$SRC_DIR/tests/data/proc_nf_conntrack.txt" "$dir/proc/net/nf_conntrack"
    cp "$SRC_DIR/tests/data/proc_stat_nf_conntrack.txt" "$dir/proc/net/stat/nf_conntrack"
    echo "$2" >"$dir/proc/sys/net/netfilter/nf_conntrack_count"
    echo "$3" >"$dir/proc/sys/net/netfilter/nf_conntrack_max"
    echo 65536 >"$dir/proc/sys/net/netfilter/nf_conntrack_buckets"
}
