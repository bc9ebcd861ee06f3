# Every table on the machine: a named namespace, an unnamed one held only by a process, and one
# past the suspension line, seen from the host with no flags. Namespaces that vanish while being
# read are skipped, never an error exit.
. "$TEST_LIB"
set -e
[ "$(id -u)" -eq 0 ] || skip "needs root for network namespaces"
named=$(new_netns named)
in_ns "$named" "$FIXTURE" insert --count 100 --src 198.18.7.0/24 --sources 10 --dst 198.19.7.1 >/dev/null

# An unnamed namespace: only this sleeping process holds it.
bg_start unshare -n sleep 301
holder=${BG_PIDS##* }
wait_until 10 "the holder's own namespace" sh -c "[ \"\$(readlink /proc/$holder/ns/net)\" != \"\$(readlink /proc/1/ns/net)\" ]"
nsenter -t "$holder" -n "$FIXTURE" insert --count 50 --src 198.18.8.0/24 --sources 5 --dst 198.19.8.1 >/dev/null

expect_exit 0 "$CTGUARD" --json status --all-netns
inode=$(stat -L -c %i "/run/netns/$named")
assert_eq "$(json "[(n['name'], n['kind'], n['count'], n['level']) for n in j['namespaces'] if n['inode'] == $inode]")" \
    "[('$named', 'netns', 100, 'ok')]" "the named namespace"
inode=$(stat -L -c %i "/proc/$holder/ns/net")
assert_eq "$(json "[(n['name'], n['kind'], n['count'], n['netns'], $holder in n['pids']) for n in j['namespaces'] if n['inode'] == $inode]")" \
    "[('pid:$holder(sleep)', 'process', 50, 'pid:$holder', True)]" "the unnamed namespace"
# Each inode once, and the host's own namespace is not among the others.
json "len(j['namespaces']) == len({n['inode'] for n in j['namespaces']})" | grep -q True || fail "a namespace listed twice"
host=$(stat -L -c %i /proc/self/ns/net)
json "any(n['inode'] == $host for n in j['namespaces'])" | grep -q False || fail "the host is listed among the others"
# Text: the --netns each one is entered with works as printed.
expect_exit 0 "$CTGUARD" status --all-netns
grep -q "pid:$holder(sleep) .* process .* 50 .* ok .* --netns pid:$holder" "$OUT" || { cat "$OUT"; fail "no row for the unnamed namespace"; }
expect_exit 0 "$CTGUARD" --netns "pid:$holder" --json status
assert_eq "$(json 'j["count"]')" 50 "entering it as printed"
# top --all-netns groups every namespace's entries; conntrack in each namespace is the oracle.
expect_exit 0 "$CTGUARD" --json top --all-netns --by netns -n 1000
assert_eq "$(json "[r['count'] for r in j['rows'] if r['netns'] == '$named']")" \
    "[$(in_ns "$named" conntrack -C)]" "top --all-netns: the named namespace"
assert_eq "$(json "[r['count'] for r in j['rows'] if r['netns'] == 'pid:$holder(sleep)']")" \
    "[$(nsenter -t "$holder" -n conntrack -C)]" "top --all-netns: the unnamed namespace"
expect_exit 0 "$CTGUARD" top --all-netns --by netns,src --src 198.18.8.0/24
expect_out "pid:$holder(sleep)"
expect_exit 0 "$CTGUARD" --json list --all-netns --src 198.18.8.0/24
assert_eq "$(json "sorted({e['netns'] for e in j['entries']}), len(j['entries'])")" "['pid:$holder(sleep)'] 50" "list --all-netns"
expect_exit 0 "$CTGUARD" list --all-netns --src 198.18.7.0/24 --limit 3
[ "$(grep -c "^$named  *tcp  *198\.18\.7\." "$OUT")" -eq 3 ] || { cat "$OUT"; fail "list --all-netns text rows"; }
expect_exit 64 "$CTGUARD" top --by netns;                 expect_err "ctguard: --by: the netns key needs --all-netns"
expect_exit 64 "$CTGUARD" top --all-netns --by process;   expect_err "ctguard: --by: the process key and --all-netns do not mix"

# Reading it did not keep it alive: when its process ends, the namespace is gone.
kill "$holder"; wait "$holder" 2>/dev/null || true
expect_exit 0 "$CTGUARD" --json status --all-netns
json "any(n['name'] == 'pid:$holder(sleep)' for n in j['namespaces'])" | grep -q False || fail "the ended namespace is still listed"

# Namespaces vanishing while they are read: every run exits 0 with valid JSON (the race is not
# forced, so this cannot fail falsely; it fails if a vanished one ever turns into an error exit).
for i in $(seq 1 12); do bg_start unshare -n sleep 302; done
for round in 1 2 3 4; do
    for pid in $(pgrep -f "^sleep 302$" | head -n 3); do kill "$pid" 2>/dev/null || true; done &
    killer=$!
    expect_exit 0 "$CTGUARD" --json status --all-netns
    json 'len(j["namespaces"]) >= 1' >/dev/null
    wait "$killer"
done

# A namespace past the suspension line turns the host's check critical (exit 2), with its name and a
# step to look inside it.
full=$(new_netns full)
in_ns "$full" "$FIXTURE" insert --count 30500 --src 198.18.0.0/16 --sources 5000 --dst 198.19.9.0/24 --dests 50 >/dev/null
expect_exit 2 "$CTGUARD" --json check
assert_eq "$(json 'j["level"]')" critical "the host's level is the worst of all tables"
assert_eq "$(json "[n['level'] for n in j['namespaces'] if n['name'] == '$full']")" "['critical']" "the full namespace"
json '"\n".join(j["reasons"])' | grep -q "namespace $full (netns) holds 30,500 entries: critical" || fail "no reason names $full"
json '"\n".join(j["remediation"])' | grep -q "ctguard --netns $full check" || fail "no step into $full"
expect_exit 2 "$CTGUARD" check
grep -q "namespace $full" "$OUT" || fail "the text report does not name $full"
