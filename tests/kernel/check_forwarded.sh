# A router or container host: most entries are forwarded, none of them held by a local process.
# check's first lines must say so in shares, its "why" must account for them, and every step must
# act on something that exists when pasted exactly as printed (with --netns, in that namespace).
. "$TEST_LIB"
set -e
ns=$(new_netns fwd)
ip -n "$ns" addr add 198.18.0.1/32 dev lo

# 20,000 entries routed through: two inner hosts to the outside; 300 inbound to ssh.
in_ns "$ns" "$FIXTURE" insert --count 15000 --src 198.18.5.2 --dst 198.19.9.0/24 --dests 250 --dport 443 >/dev/null
in_ns "$ns" "$FIXTURE" insert --count 5000 --src 198.18.5.3 --dst 198.19.8.0/24 --dests 100 --dport 53 --proto udp >/dev/null
in_ns "$ns" "$FIXTURE" insert --count 300 --src 198.19.1.0/24 --sources 50 --dst 198.18.0.1 --dport 22 >/dev/null

expect_exit 1 "$CTGUARD" --netns "$ns" --json check
assert_eq "$(json 'j["level"]')" elevated "level"
assert_eq "$(json 'j["sources"][0]["kind"]')" forwarded "the biggest source"
assert_eq "$(json 'j["sources"][0]["count"]')" 20000 "forwarded entries"
assert_eq "$(json 'j["sources"][0]["top"][0]["key"]')" 198.18.5.2 "the busiest inner host"
assert_eq "$(json 'j["sources"][1]["top"][0]["key"]')" 22/tcp "the inbound service"
json '"\n".join(j["reasons"])' | grep -q "20,000 of 20,300 entries (99%) are forwarded through this host" \
    || fail "the why does not account for the forwarded entries: $(json 'j["reasons"]')"
if json '"\n".join(j["remediation"])' | grep -q "flush --state UNREPLIED"; then fail "a flush of nothing"; fi

# Text: the shares come before anything else, right under the level.
expect_exit 1 "$CTGUARD" check --netns "$ns" --wide
head -n 4 "$OUT" | grep -q "^  from    99% 20,000 forwarded through this host" || { cat "$OUT"; fail "no forwarded share on top"; }
grep -q "^  why " "$OUT" || fail "no why"

# Every pasted command carries the namespace and runs; the list step shows the inner host's entries.
expect_exit 1 "$CTGUARD" --netns "$ns" --json check
steps=$(json '"\n".join(s["command"] for s in j["steps"] if s["command"] and s["command"].startswith("ctguard "))')
[ -n "$steps" ] || fail "no ctguard steps"
while IFS= read -r step; do
    case "$step" in *"--netns $ns "*) ;; *) fail "step without --netns: $step" ;; esac
done <<<"$steps"
list_step=$(grep "^ctguard --netns $ns list --src 198.18.5.2" <<<"$steps") || fail "no list step for the inner host"
eval "\"\$CTGUARD\" ${list_step#ctguard }" >"$OUT" || fail "pasted step failed: $list_step"
[ "$(grep -c "^tcp  *198\.18\.5\.2 " "$OUT")" -eq 20 ] || { cat "$OUT"; fail "the list step did not show the inner host's entries"; }

# metrics inside a namespace are labelled with it, not as the host.
expect_exit 0 "$CTGUARD" --netns "$ns" metrics
expect_out "ctguard_conntrack_entries{tenant=\"$ns\"} 20300"
