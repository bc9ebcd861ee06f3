# Shared helpers for tests/cli/*.sh and tests/kernel/*.sh (sourced; POSIX sh + bash features used).
# Environment from ctest: CTGUARD (the binary), FIXTURE (ct_fixture), SRC_DIR.
set -u

fail() { echo "FAIL: $*" >&2; exit 1; }
skip() { echo "SKIP: $*"; exit 77; }

# expect_exit CODE CMD...   runs CMD, captures stdout/stderr into $OUT / $ERR, checks the exit code.
expect_exit() {
    want=$1; shift
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
json() { python3 -c "import json,sys; j=json.load(open(sys.argv[2])); print($1)" "$1" "${2:-$OUT}"; }

# Throw-away network namespaces: new_netns NAME creates ctg-$$-NAME and removes it on exit.
# Cleanup goes by the name prefix: `ns=$(new_netns x)` runs in a subshell ($$ stays the script's).
cleanup_netns() {
    for ns in $(ip netns list 2>/dev/null | awk -v p="ctg-$$-" 'index($1, p) == 1 { print $1 }'); do
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
    ns="ctg-$$-$1"
    ip netns add "$ns" || fail "ip netns add $ns"
    ip -n "$ns" link set lo up
    echo "$ns"
}
in_ns() { ns=$1; shift; ip netns exec "$ns" "$@"; }
