# Hostile names: processes whose names and binaries carry a byte that is not UTF-8 (0xff), an escape
# sequence and a newline hold connections. JSON output stays valid JSON with the normal exit codes,
# and text output neither passes the escape through nor lets the newline forge a row.
. "$TEST_LIB"
. "$SRC_DIR/tests/procs_lib.sh"
set -e
procs_setup hostile

ip -n "$ns" addr add 198.18.0.1/32 dev lo
ip netns exec "$ns" /usr/bin/python3 -m http.server 8000 --bind 198.18.0.1 >/dev/null 2>&1 & pids="$pids $!"
wait_listen "$ns" 8000

# Names short enough to be the whole comm (15 bytes); the first part looks random so each is judged.
names=($'kTq8v\xffLw2Zx9p' $'pZ3mQ\x1b[2Jx7Rt' $'dmsFZ\nFORGED 1')
i=0
for n in "${names[@]}"; do
    cp "$FLOW_FIXTURE" "$work/$n"
    ip netns exec "$ns" "$work/$n" client --tcp 198.18.0.1 8000 10 --ready "$work/ready$i" --lifetime 40 &
    pids="$pids $!"
    i=$((i + 1))
done
wait_file "$work/ready0" "$work/ready1" "$work/ready2"

# text_clean FILE   no ESC, no raw byte that is not UTF-8, and no line the newline in a name started.
text_clean() {
    /usr/bin/python3 - "$1" <<'PY' || fail "$2"
import sys
b = open(sys.argv[1], "rb").read()
bad = []
if b"\x1b" in b: bad.append("an ESC byte")
try: b.decode("utf-8")
except UnicodeDecodeError as e: bad.append(f"invalid UTF-8 at {e.start}")
if any(line.lstrip().startswith(b"FORGED") for line in b.split(b"\n")): bad.append("a forged line")
if bad: sys.stdout.buffer.write(b); print("\n" + ", ".join(bad)); sys.exit(1)
PY
}
# valid_json FILE
valid_json() { /usr/bin/python3 -c 'import json,sys; json.load(open(sys.argv[1], encoding="utf-8"))' "$1" || fail "$2"; }

# check: the same exit code for both outputs, and one of its own (0-2), not the internal error (70).
set +e; in_ns "$ns" "$CTGUARD" check >"$work/check.txt" 2>"$work/check.err"; code=$?; set -e
[ "$code" -le 2 ] || { cat "$work/check.err"; fail "check exited $code"; }
text_clean "$work/check.txt" "check text"
text_clean "$work/check.err" "check stderr"
expect_exit "$code" in_ns "$ns" "$CTGUARD" --json check
valid_json "$OUT" "--json check"

expect_exit 0 in_ns "$ns" "$CTGUARD" --json procs
valid_json "$OUT" "--json procs"
cp "$OUT" "$work/procs.json"
# Every stand-in is listed (its name with U+FFFD for the 0xff byte).
for i in 0 1 2; do
    pid=$(cat "$work/ready$i")
    assert_eq "$(json "len([p for p in j['processes'] if p['pid']==$pid and p['flows']>0])" "$work/procs.json")" 1 \
        "stand-in $i in --json procs"
done
assert_eq "$(json "[p['comm'] for p in j['processes'] if p['pid']==$(cat "$work/ready0")][0] == 'kTq8v\ufffdLw2Zx9p'" \
    "$work/procs.json")" True "0xff shown as U+FFFD"
expect_exit 0 in_ns "$ns" "$CTGUARD" procs
text_clean "$OUT" "procs text"
text_clean "$ERR" "procs stderr"
grep -qF 'pZ3mQ\x1b[2Jx7Rt' "$OUT" || { cat "$OUT"; fail "procs text does not show the ESC as \\x1b"; }
grep -qF 'dmsFZ\x0aFORGED 1' "$OUT" || { cat "$OUT"; fail "procs text does not show the newline as \\x0a"; }

expect_exit 0 in_ns "$ns" "$CTGUARD" --json top --by process
valid_json "$OUT" "--json top --by process"
expect_exit 0 in_ns "$ns" "$CTGUARD" top --by process
text_clean "$OUT" "top --by process text"

expect_exit 0 in_ns "$ns" "$CTGUARD" --json list
valid_json "$OUT" "--json list"
echo "ok"
