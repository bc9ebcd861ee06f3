# procs on hostile ground. A binary on a 1 TB sparse file is not hashed (procs says so, and does not
# stall). procs --kill with an evidence directory that cannot be used (a symlink planted on its path)
# still kills every member of the group, exits 1 and says the evidence was not kept; nothing is
# written through the link. (Signals go through pidfds after a start-time check: the refusal of a reused
# pid is shown with real processes in tests/unit/process_pin_test.cpp.)
. "$TEST_LIB"
. "$SRC_DIR/tests/procs_lib.sh"
set -e
procs_setup killh

ip -n "$ns" addr add 198.18.0.1/32 dev lo
ip netns exec "$ns" /usr/bin/python3 -m http.server 8000 --bind 198.18.0.1 >/dev/null 2>&1 & pids="$pids $!"
wait_listen "$ns" 8000

# 1. A binary made 1 TB long (sparse: it takes no space) still runs; procs leaves it unhashed.
cp "$FLOW_FIXTURE" "$work/huge"
truncate -s 1T "$work/huge"
ip netns exec "$ns" "$work/huge" client --tcp 198.18.0.1 8000 1 --ready "$work/huge.ready" --lifetime 60 & pids="$pids $!"
huge=$!
wait_file "$work/huge.ready"
start=$(date +%s%N)
expect_exit 0 in_ns "$ns" "$CTGUARD" --json procs --pid "$huge"
elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))
echo "procs --pid on a 1 TB binary: ${elapsed_ms} ms"
[ "$elapsed_ms" -le 20000 ] || fail "procs took $elapsed_ms ms on a 1 TB binary (hashing it would take many minutes)"
assert_eq "$(json 'j["processes"][0]["sha256"]')" None "sha256 of the 1 TB binary"
assert_eq "$(json 'j["processes"][0]["sha256_note"]')" "too large to hash (over 128 MiB)" "note"
grep -qF "pid $huge: its binary is too large to hash (over 128 MiB)" "$ERR" || fail "no warning: $(cat "$ERR")"
kill "$huge"

# 2. A rotating group (two respawners from one binary, so that one look sees two names), killed with a
# symlink planted as the evidence directory.
cp "$FLOW_FIXTURE" "$work/Qz3vT8mKp2Lw"
cp "$FLOW_FIXTURE" "$work/hN7xR2cWq9Ye"
ip netns exec "$ns" "$work/Qz3vT8mKp2Lw" client --tcp 198.18.0.1 8000 1 --respawn 30 --every 2 --dir "$work" \
    --seed 11 --lifetime 40 & pids="$pids $!"
ip netns exec "$ns" "$work/hN7xR2cWq9Ye" client --tcp 198.18.0.1 8000 1 --respawn 30 --every 2 --dir "$work" \
    --seed 12 --lifetime 40 & pids="$pids $!"
expect_exit 0 in_ns "$ns" "$CTGUARD" --json procs --watch 6
id=$(json "[g['id'] for g in j['rotating'] if 'Qz3vT8mKp2Lw' in g['names']][0]")
echo "group $id"
# The chains respawn for 60 s, far longer than the watch takes even under load; both are running.
wait_until 10 "two members of the group" two_members
mkdir "$work/real"
ln -s "$work/real" "$work/evidence"
expect_exit 1 in_ns "$ns" "$CTGUARD" --json procs --kill "$id" --yes --evidence-dir "$work/evidence"
grep -qxF "ctguard: warning: procs --kill: killed, but evidence not kept: $work/evidence: is a symbolic link; refusing to follow it here" "$ERR" ||
    fail "no warning: $(cat "$ERR")"
[ "$(json 'len(j["killed"])')" -ge 1 ] || fail "nothing killed: $(cat "$OUT")"
assert_eq "$(json 'j["evidence"]["kept"]')" False "evidence kept"
assert_eq "$(json 'j["evidence"]["files"]')" "[]" "evidence files"
assert_eq "$(ls -A "$work/real")" "" "files written through the link"
# Every member is gone, and nothing respawns (members were stopped before anything else happened).
wait_until 5 "the group's processes to be gone" no_members
echo ok
