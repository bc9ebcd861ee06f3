# procs --watch: processes that respawn under new random names every 2 s form one rotating group,
# found through cn_proc within 15 s; procs --kill GROUP --yes stops them all, keeps the binary as
# evidence (sha256 checked) and kills them, and nothing respawns afterwards.
. "$TEST_LIB"
. "$SRC_DIR/tests/procs_lib.sh"
set -e
procs_setup rot

ip -n "$ns" addr add 198.18.0.1/32 dev lo
ip netns exec "$ns" /usr/bin/python3 -m http.server 8000 --bind 198.18.0.1 >/dev/null 2>&1 & pids="$pids $!"
wait_listen "$ns" 8000

# Two respawners from one binary: every 2 s each copies itself under a new random name, starts the
# copy and exits (12 generations: they still respawn when --kill comes). One deletes its binary once
# running, as droppers do.
cp "$FLOW_FIXTURE" "$work/Xa9kLmQ2wZ7c"
cp "$FLOW_FIXTURE" "$work/bR4nW8pT1qVz"
ip netns exec "$ns" "$work/Xa9kLmQ2wZ7c" client --tcp 198.18.0.1 8000 3 --respawn 12 --every 2 --dir "$work" \
    --seed 7 --lifetime 30 & pids="$pids $!"
ip netns exec "$ns" "$work/bR4nW8pT1qVz" client --tcp 198.18.0.1 8000 3 --respawn 12 --every 2 --dir "$work" \
    --seed 8 --unlink --lifetime 30 & pids="$pids $!"

start=$(date +%s%N)
expect_exit 0 in_ns "$ns" "$CTGUARD" --json procs --watch 6
elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))
cp "$OUT" "$work/watch.json"
echo "watch took ${elapsed_ms} ms: $(json 'j["watch"]' "$work/watch.json")"
[ "$elapsed_ms" -le 15000 ] || fail "rotation found after $elapsed_ms ms (> 15 s)"
assert_eq "$(json 'j["watch"]["events"]' "$work/watch.json")" cn_proc "event source"
group() { json "[g$1 for g in j['rotating'] if 'Xa9kLmQ2wZ7c' in g['names']][0]" "$work/watch.json"; }
names=$(group "['names']")
echo "group $(group "['id']"): $names, respawns $(group "['respawns']")"
[ "$(group "['respawns']")" -ge 2 ] || fail "fewer than 2 respawns seen"
[ "$(json "len([g for g in j['rotating'] if 'Xa9kLmQ2wZ7c' in g['names']][0]['names'])" "$work/watch.json")" -ge 4 ] ||
    fail "fewer than 4 names in the group: $names"
echo "$names" | grep -q bR4nW8pT1qVz || fail "the second respawner is not in the group"
assert_eq "$(group "['suspicious']")" True "group suspicious"

# --kill starts with a fresh look, which must find the same group (same binary) however often its
# members respawn while it looks: a look that lists processes once misses a chain mid-respawn.
id=$(group "['id']")
sha=$(group "['sha256']")
for look in 1 2 3 4 5 6 7 8; do
    expect_exit 0 in_ns "$ns" "$CTGUARD" --json procs
    [ "$(json "len([g for g in j['rotating'] if g['id'] == '$id'])")" = 1 ] ||
        { cat "$OUT"; fail "look $look did not find group $id"; }
done
# Without --yes nothing happens.
expect_exit 64 in_ns "$ns" "$CTGUARD" procs --kill "$id"
expect_err "needs --yes"
wait_until 10 "two members alive before --kill" two_members
expect_exit 0 in_ns "$ns" "$CTGUARD" --json procs --kill "$id" --yes --evidence-dir "$work/evidence"
cp "$OUT" "$work/kill.json"
[ "$(json 'len(j["stopped"])' "$work/kill.json")" -ge 2 ] || fail "stopped fewer than 2"
bin=$(json '[f for f in j["evidence"]["files"] if f.endswith(".bin")][0]' "$work/kill.json")
assert_eq "$(sha256sum "$bin" | cut -d' ' -f1)" "$sha" "evidence sha256"
assert_eq "$(json 'j["group"]' "$work/evidence/$id/manifest.json")" "$id" "manifest"
json 'j["persistence"]["places"]' "$work/kill.json" | grep -q /etc/cron.d/ || fail "no persistence places"
# Stopped before killed: nothing may respawn.
sleep 3  # longer than the respawn period (2 s): a survivor would have respawned by now
assert_eq "$(pids_from_work | wc -l)" 0 "processes left running from $work"
echo "ok"
