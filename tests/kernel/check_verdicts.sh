# check in throw-away namespaces, one per verdict: normal, attack (an inbound flood of half-open
# entries), compromise by fan-out (this host opening unanswered connections to many hosts), and
# compromise by process (a random-named binary from /tmp holding connections). Each report says
# what to do on its first screen, and the exit code says how bad it is.
. "$TEST_LIB"
. "$SRC_DIR/tests/procs_lib.sh"
set -e
procs_setup check
ip -n "$ns" addr add 198.18.0.1/32 dev lo

first_screen_has_steps() {  # the numbered steps start within the first 24 lines of the text report
    expect_exit "$1" in_ns "$ns" "$CTGUARD" check
    head -n 24 "$OUT" | grep -q "^What to do now" || { cat "$OUT"; fail "no steps on the first screen"; }
    head -n 24 "$OUT" | grep -q "^   1\. " || { cat "$OUT"; fail "no step 1 on the first screen"; }
}

# normal: a few established connections. In a namespace nf_conntrack_max belongs to the host, so
# the cap is not this tenant's problem.
in_ns "$ns" "$FIXTURE" insert --count 50 --src 198.19.0.0/24 --sources 10 --dst 198.18.0.1 --dport 443 >/dev/null
expect_exit 0 in_ns "$ns" "$CTGUARD" --json check
assert_eq "$(json 'j["verdict"]')" normal "verdict with a quiet table"
assert_eq "$(json 'j["level"]')" ok "level"
assert_eq "$(json 'j["limit"]["host_only"]')" True "the limit is the host's"
assert_eq "$(json 'j["traffic"]["inbound"]')" 50 "inbound entries"

# attack: 12,000 half-open entries from 3,000 sources into port 80 push the table over the warning line.
in_ns "$ns" "$FIXTURE" insert --count 12000 --src 198.19.0.0/16 --sources 3000 --dst 198.18.0.1 --dport 80 \
    --state SYN_RECV >/dev/null
expect_exit 2 in_ns "$ns" "$CTGUARD" --json check
assert_eq "$(json 'j["verdict"]')" attack "verdict under a flood"
assert_eq "$(json 'j["level"]')" elevated "level under a flood"
assert_eq "$(json 'j["traffic"]["inbound_sources"]')" 3000 "flood sources"
json 'j["remediation"][0]' | grep -q "ctguard shield --apply$" || fail "the shield is not the first step of an attack"
json '"\n".join(j["remediation"])' | grep -q "ctguard cap --per-source 100 --ports 80 --persist" || fail "no cap step"
json '"\n".join(j["remediation"])' | grep -q "ctguard flush --state SYN_RECV" || fail "no flush step"
first_screen_has_steps 2
in_ns "$ns" conntrack -F 2>/dev/null

# compromise by fan-out: this host's own address opens 600 connections nobody answers.
in_ns "$ns" "$FIXTURE" insert --count 600 --src 198.18.0.1 --dst 198.19.0.0/16 --dests 600 --dport 23 \
    --state SYN_SENT --unreplied >/dev/null
expect_exit 2 in_ns "$ns" "$CTGUARD" --json check
assert_eq "$(json 'j["verdict"]')" compromise "verdict under fan-out"
assert_eq "$(json 'j["traffic"]["outbound_destinations"]')" 600 "fan-out destinations"
# `passwd root` only where root has a usable password (the audit says so); a locked root stays locked.
if json '[f["id"] for f in j["audit"]]' | grep -q "account.root_password"; then
    json '"\n".join(j["remediation"])' | grep -q "passwd root" || fail "no password step"
else
    json '"\n".join(j["remediation"])' | grep -q "leave it locked" || fail "no word on the locked root"
fi
json '"\n".join(j["remediation"])' | grep -q "ctguard harden ssh --apply" || fail "no SSH step"
in_ns "$ns" conntrack -F 2>/dev/null

# compromise by process: a random-named copy of the flow fixture, run from /tmp, holding 20 connections.
in_ns "$ns" /usr/bin/python3 -m http.server 8000 --bind 198.18.0.1 >/dev/null 2>&1 & pids="$pids $!"
wait_listen "$ns" 8000
cp "$FLOW_FIXTURE" "$work/dmsFZqnoz13z"
ip netns exec "$ns" "$work/dmsFZqnoz13z" client --tcp 198.18.0.1 8000 20 --ready "$work/ready" --lifetime 30 &
pids="$pids $!"
wait_file "$work/ready"
malware=$(cat "$work/ready")
expect_exit 2 in_ns "$ns" "$CTGUARD" --json check
assert_eq "$(json 'j["verdict"]')" compromise "verdict with a random-named process"
assert_eq "$(json "[p['comm'] for p in j['suspicious'] if p['pid'] == $malware]")" "['dmsFZqnoz13z']" "suspect listed"
json '"\n".join(j["remediation"])' | grep -q "kill -STOP $malware" || fail "no stop step for the process"
first_screen_has_steps 2
