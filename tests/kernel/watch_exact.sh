# watch: exact new/destroy totals while 200,000 entries are inserted at full speed and flushed;
# after a forced overrun the count still matches the kernel.
. "$TEST_LIB"
set -e
ns=$(new_netns watch)
tmp=$(mktemp -d)
W=""
trap 'kill $W 2>/dev/null || true; cleanup_netns; rm -rf "$tmp"' EXIT

sum() {  # FIELD FILE
    /usr/bin/python3 -c "import json,sys; print(sum(json.loads(l)[sys.argv[1]] for l in open(sys.argv[2])))" "$1" "$2"
}
wait_for() {  # FIELD VALUE FILE: bounded wait (30 s) until the sum reaches VALUE
    for _ in $(seq 1 120); do
        [ "$(sum "$1" "$3")" -ge "$2" ] && return 0
        sleep 0.25
    done
    fail "$1 stayed at $(sum "$1" "$3"), wanted $2"
}

# exec and --netns: $W must be ctguard itself (a background subshell or `ip netns exec`, which
# forks, would not pass the signals on).
(exec "$CTGUARD" --netns "$ns" --json watch --interval 0.25 >"$tmp/watch.jsonl") &
W=$!
sleep 0.5
in_ns "$ns" "$FIXTURE" insert --count 200000 --sources 1000 >/dev/null
wait_for new 200000 "$tmp/watch.jsonl"
in_ns "$ns" conntrack -F 2>/dev/null
wait_for destroy 200000 "$tmp/watch.jsonl"
sleep 0.5
kill -TERM $W
wait $W || fail "watch exited $?"
assert_eq "$(sum new "$tmp/watch.jsonl")" 200000 "new events"
assert_eq "$(sum destroy "$tmp/watch.jsonl")" 200000 "destroy events"
assert_eq "$(sum overruns "$tmp/watch.jsonl")" 0 "overruns"
assert_eq "$(tail -n1 "$tmp/watch.jsonl" | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["count"])')" 0 "final count"
/usr/bin/python3 -c "
import json,sys
top = max((json.loads(l) for l in open(sys.argv[1])), key=lambda x: x['new'])['top_new_src']
assert top and top[0]['new'] > 0, top
" "$tmp/watch.jsonl"

# Overrun: a 1 MiB queue, the watcher frozen while 50,000 entries arrive. Events are lost, the
# overrun is counted and the count is still the kernel's.
(exec "$CTGUARD" --netns "$ns" --json watch --interval 0.25 --queue 1 >"$tmp/overrun.jsonl") &
W=$!
sleep 0.5
kill -STOP $W
in_ns "$ns" "$FIXTURE" insert --count 50000 --sources 10 >/dev/null
kill -CONT $W
sleep 1
kill -TERM $W
wait $W || fail "watch exited $?"
[ "$(sum overruns "$tmp/overrun.jsonl")" -ge 1 ] || fail "no overrun counted"
[ "$(sum new "$tmp/overrun.jsonl")" -lt 50000 ] || fail "no events were lost, the overrun case was not exercised"
assert_eq "$(tail -n1 "$tmp/overrun.jsonl" | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["count"])')" \
    "$(in_ns "$ns" conntrack -C)" "count after overrun"
