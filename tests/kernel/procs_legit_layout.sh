# What servers really run is not a compromise, and malware that renames itself still is. Two different
# unpackaged binaries under one parent, at /usr/local/bin/node_exporter and /usr/local/bin/consul (a
# tmpfs there in a private mount namespace, so the host's /usr/local is untouched), hold connections:
# procs does not group them and calls neither suspicious, and check's verdict is not compromise. Then a
# real chain respawning under new random names: one rotating group, suspicious, and check says
# compromise with a --kill step.
. "$TEST_LIB"
. "$SRC_DIR/tests/procs_lib.sh"
set -e
procs_setup legit

ip -n "$ns" addr add 198.18.0.1/32 dev lo
ip netns exec "$ns" /usr/bin/python3 -m http.server 8000 --bind 198.18.0.1 >/dev/null 2>&1 & pids="$pids $!"
wait_listen "$ns" 8000

# Two programs, not one, and neither the malware's binary below: each copy gets its own trailing bytes,
# so their sha256 differ as different programs' would. They run with their real names from
# /usr/local/bin, as systemd would start them.
cp "$FLOW_FIXTURE" "$work/node_exporter"
cp "$FLOW_FIXTURE" "$work/consul"
printf n >>"$work/node_exporter"
printf c >>"$work/consul"
ip netns exec "$ns" unshare -m sh -c "set -e; mount -t tmpfs tmpfs /usr/local/bin
    cp $work/node_exporter $work/consul /usr/local/bin/
    /usr/local/bin/node_exporter client --tcp 198.18.0.1 8000 5 --ready $work/ne --lifetime 60 &
    /usr/local/bin/consul client --tcp 198.18.0.1 8000 5 --ready $work/co --lifetime 60 &
    wait" & pids="$pids $!"
wait_file "$work/ne" "$work/co"
ne=$(cat "$work/ne"); co=$(cat "$work/co")
assert_eq "$(readlink /proc/$ne/exe)" /usr/local/bin/node_exporter "node_exporter's binary as the kernel reports it"
assert_eq "$(awk '{print $4}' /proc/$ne/stat)" "$(awk '{print $4}' /proc/$co/stat)" "one parent"

expect_exit 0 in_ns "$ns" "$CTGUARD" --json procs --watch 2
cp "$OUT" "$work/legit.json"
proc() { json "[p for p in j['processes'] if p['pid']==$1][0]$2" "$work/legit.json"; }
for p in "$ne" "$co"; do
    assert_eq "$(proc "$p" "['package']")" False "pid $p packaged"
    assert_eq "$(proc "$p" "['suspicious']")" False "pid $p suspicious ($(proc "$p" "['rule']"))"
    assert_eq "$(proc "$p" "['group']")" None "pid $p group"
    [ "$(proc "$p" "['flows']")" -ge 5 ] || fail "pid $p holds $(proc "$p" "['flows']") flows"
done
assert_eq "$(json "[g['id'] for g in j['rotating'] if $ne in g['pids'] or $co in g['pids']]" "$work/legit.json")" "[]" \
    "a rotating group of node_exporter and consul"
expect_exit 0 in_ns "$ns" "$CTGUARD" --json check
assert_eq "$(json 'j["verdict"]')" normal "check verdict with node_exporter and consul"
json '"\n".join(j["remediation"])' | grep -q "kill" && fail "a kill step for legitimate processes: $(json 'j["remediation"]')"
# --explain lists every signal, the ones that did not fire too, and the rule's result.
expect_exit 0 in_ns "$ns" "$CTGUARD" procs --explain "$ne"
expect_out "fake_kernel_thread"
expect_out "rotating"
grep -qE "^unpackaged +weak +0\.05 +yes +binary not from any installed package" "$OUT" || { cat "$OUT"; fail "no fired unpackaged row"; }
expect_out "rule: not suspicious: no strong signal and 0 medium"
expect_exit 0 in_ns "$ns" "$CTGUARD" --json procs --explain "$ne"
# Every signal of the table in docs/commands.md, in its order, fired or not.
documented=$(grep -oE '^\| `[a-z_]+` \| (strong|medium|weak) \|' "$SRC_DIR/docs/commands.md" | cut -d'`' -f2 | tr '\n' ' ')
assert_eq "$(json '" ".join(s["id"] for s in j["processes"][0]["explain"]) + " "')" "$documented" "signals explained"

# A real chain: every 2 s the running copy copies itself under a new random name into /tmp, starts the
# copy and exits.
cp "$FLOW_FIXTURE" "$work/Xa9kLmQ2wZ7c"
ip netns exec "$ns" "$work/Xa9kLmQ2wZ7c" client --tcp 198.18.0.1 8000 3 --respawn 8 --every 2 --dir "$work" \
    --seed 5 --lifetime 30 & pids="$pids $!"
expect_exit 2 in_ns "$ns" "$CTGUARD" --json check --watch 7
cp "$OUT" "$work/check.json"
assert_eq "$(json 'j["verdict"]' "$work/check.json")" compromise "check verdict with a rotating chain"
group() { json "[g$1 for g in j['rotating'] if 'Xa9kLmQ2wZ7c' in g['names']][0]" "$work/check.json"; }
echo "group $(group "['id']"): $(group "['names']") ($(group "['evidence']"))"
assert_eq "$(group "['suspicious']")" True "the chain's group suspicious"
[ "$(json "len([g for g in j['rotating'] if 'Xa9kLmQ2wZ7c' in g['names']][0]['names'])" "$work/check.json")" -ge 3 ] ||
    fail "fewer than 3 names in the chain's group"
json '"\n".join(j["remediation"])' "$work/check.json" | grep -q "ctguard procs --kill $(group "['id']") --yes" ||
    fail "no --kill step for the chain: $(json 'j["remediation"]' "$work/check.json")"
# node_exporter and consul are still neither suspects nor in the chain's group.
assert_eq "$(json "[p['pid'] for p in j['suspicious'] if p['pid'] in ($ne, $co)]" "$work/check.json")" "[]" "legit suspects"
assert_eq "$(group "['names']" | grep -c -e node_exporter -e consul)" 0 "legit names in the chain's group"
echo ok
