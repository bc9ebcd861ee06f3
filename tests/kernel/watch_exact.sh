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
last_count() {  # FILE: the table count of the last line
    tail -n1 "$1" | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["count"])'
}
count_is() {  # N FILE: the last line's count is N
    [ "$(last_count "$2" 2>/dev/null)" = "$1" ]
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
# Its first line comes after it subscribed to the events.
wait_until 10 "watch's first line" test -s "$tmp/watch.jsonl"
in_ns "$ns" "$FIXTURE" insert --count 200000 --sources 1000 >/dev/null
wait_for new 200000 "$tmp/watch.jsonl"
in_ns "$ns" conntrack -F 2>/dev/null
wait_for destroy 200000 "$tmp/watch.jsonl"
wait_until 10 "a line with the flushed count" count_is 0 "$tmp/watch.jsonl"
kill -TERM $W
wait $W || fail "watch exited $?"
assert_eq "$(sum new "$tmp/watch.jsonl")" 200000 "new events"
assert_eq "$(sum destroy "$tmp/watch.jsonl")" 200000 "destroy events"
assert_eq "$(sum overruns "$tmp/watch.jsonl")" 0 "overruns"
assert_eq "$(last_count "$tmp/watch.jsonl")" 0 "final count"
/usr/bin/python3 -c "
import json,sys
top = max((json.loads(l) for l in open(sys.argv[1])), key=lambda x: x['new'])['top_new_src']
assert top and top[0]['new'] > 0, top
" "$tmp/watch.jsonl"

# Overrun: a 1 MiB queue, the watcher frozen while 50,000 entries arrive. Events are lost, the
# overrun is counted and the count is still the kernel's.
(exec "$CTGUARD" --netns "$ns" --json watch --interval 0.25 --queue 1 >"$tmp/overrun.jsonl") &
W=$!
wait_until 10 "watch's first line" test -s "$tmp/overrun.jsonl"
kill -STOP $W
in_ns "$ns" "$FIXTURE" insert --count 50000 --sources 10 >/dev/null
kill -CONT $W
wait_for overruns 1 "$tmp/overrun.jsonl"
wait_until 10 "the kernel's count after the overrun" count_is "$(in_ns "$ns" conntrack -C)" "$tmp/overrun.jsonl"
kill -TERM $W
wait $W || fail "watch exited $?"
[ "$(sum overruns "$tmp/overrun.jsonl")" -ge 1 ] || fail "no overrun counted"
[ "$(sum new "$tmp/overrun.jsonl")" -lt 50000 ] || fail "no events were lost, the overrun case was not exercised"
assert_eq "$(last_count "$tmp/overrun.jsonl")" "$(in_ns "$ns" conntrack -C)" "count after overrun"
