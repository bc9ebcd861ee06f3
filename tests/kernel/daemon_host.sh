# daemon without tenants watches its own namespace as "host": the evidence of a crossing names the
# processes behind the entries (procs' attribution and suspicion), /metrics counts the suspicious
# ones. The stand-in is flow_fixture copied under /tmp with a random name.
. "$TEST_LIB"
. "$SRC_DIR/tests/daemon_lib.sh"
set -e
ns=$(new_netns host)
# Conntrack tracks a namespace's traffic only once a rule needs it.
in_ns "$ns" nft add table inet t
in_ns "$ns" nft add chain inet t out '{ type filter hook output priority 0; }'
in_ns "$ns" nft add rule inet t out ct state new counter
name=dmsFZqnoz13z
cp "$FLOW_FIXTURE" "$T/$name"
ip netns exec "$ns" "$FLOW_FIXTURE" serve 127.0.0.1 8000 --lifetime 20 &
server=$!
trap 'kill "$server" $client 2>/dev/null || true; daemon_cleanup; cleanup_netns' EXIT INT TERM
client=""

{ daemon_toml "$T/history.db" 'listen = "127.0.0.1:0"'; cat <<CFG
[thresholds]
warn = 20
[[action]]
on = "warn"
exec = "$T/hook.sh"
CFG
} >"$T/ctguard.toml"
start_daemon --in "$ns" "$T/ctguard.toml"
wait_log 1 "started: "
wait_listen "$ns" 8000
# A 100 KB command line (malware pads its own): the hook still gets the whole event as valid JSON,
# with this process's command line cut to 4 KiB and marked as cut.
pad=$(head -c 100000 /dev/zero | tr '\0' x)
ip netns exec "$ns" "$T/$name" client --tcp 127.0.0.1 8000 30 --ready "$T/ready" --lifetime 20 --pad "$pad" &
client=$!
wait_file "$T/ready"
pid=$(cat "$T/ready")
wait_events 1 "*-host-elevated" 5
ev=$(events "*-host-elevated")
assert_eq "$(json "[(p['comm'], p['suspicious']) for p in j['processes'] if p['pid'] == $pid]" "$ev")" \
    "[('$name', True)]" "the flooding process in the evidence"
json "[p['reasons'] for p in j['processes'] if p['pid'] == $pid][0]" "$ev" | grep -q "looks random" ||
    fail "no random-name reason in the evidence"
[ "$(json "[p['flows'] for p in j['processes'] if p['pid'] == $pid][0]" "$ev")" -ge 20 ] || fail "flows not attributed"
assert_eq "$(json "[(len(p['cmdline']), p.get('cmdline_cut')) for p in j['processes'] if p['pid'] == $pid]" "$ev")" \
    "[(4096, True)]" "the 100 KB command line, cut in the event"

# Processes are those of the whole machine (other tests' stand-ins may be running): at least ours.
wait_metrics "$(metrics_url)" '^ctguard_suspicious_processes [1-9]' 3 "$ns"
stop_daemon
