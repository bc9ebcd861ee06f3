# daemon: evidence is taken off the loop. A tenant with a 200,000-entry table crosses its threshold
# and then has its top-N refreshed back to back (top_interval 0.1 s), so a dump of its table is
# always under way; meanwhile another tenant crosses. Its hook must come within 2 s, no interval's
# collection waits for a dump, each event carries its own tenant's evidence, the history keeps it,
# and SIGTERM still ends the daemon promptly.
. "$TEST_LIB"
. "$SRC_DIR/tests/daemon_lib.sh"
set -e
big=$(new_netns big); small=$(new_netns small)
n=200000  # below the default nf_conntrack_max (262,144), which this test leaves alone
in_ns "$big" "$FIXTURE" insert --count $n --sources 250 --dst 198.19.0.0/24 --dests 200 >/dev/null

{ daemon_toml "$T/history.db" 'listen = "127.0.0.1:0"' "top_interval = 0.1"; netns_tenants "$big" "$small"
  cat <<CFG
[thresholds]
warn = 50
[[action]]
on = ["warn", "suspend"]
exec = "$T/hook.sh"
CFG
} >"$T/ctguard.toml"
start_daemon "$T/ctguard.toml"
wait_events 1 "*-$big-critical" 10
ev=$(events "*-$big-critical")
assert_eq "$(json 'j["top"]["src"]["total"], j["top"]["src"]["groups"]' "$ev")" "$n 250" "evidence of $big"
wait_log 3 "interval: "   # the loop goes on while $big's table is dumped again and again

t0=$(now_ms)
in_ns "$small" "$FIXTURE" insert --count 60 >/dev/null
wait_events 1 "*-$small-elevated" 5
ev=$(events "*-$small-elevated")
t1=$(( $(basename "$ev" | cut -d- -f1) / 1000000 ))  # the hook names its file after the time it ran
echo "the hook of $small ran $((t1 - t0)) ms after its entries arrived"
[ $((t1 - t0)) -lt 2000 ] || fail "the hook of $small came $((t1 - t0)) ms late, wanted < 2000"
assert_eq "$(json 'j["top"]["src"]["total"], j["count"]' "$ev")" "60 60" "evidence of $small"

# The refreshes of $big went on meanwhile, and no interval waited for one (the loop only counts).
wait_metrics "$(metrics_url)" "^ctguard_top_entries\{tenant=\"$big\",by=\"src\"" 3
slowest=$(sed -n 's/.*collected in \([0-9.]*\) ms$/\1/p' "$T/log" | sort -g | tail -n1)
echo "slowest interval: $slowest ms"
awk -v s="$slowest" 'BEGIN { exit !(s < 150) }' || fail "an interval took $slowest ms: it waited for a dump"

start=$(now_ms)
stop_daemon
echo "stopped in $(( $(now_ms) - start )) ms"
[ $(( $(now_ms) - start )) -lt 5000 ] || fail "SIGTERM took more than 5 s"
expect_exit 0 "$CTGUARD" history --db "$T/history.db" --json
assert_eq "$(json "[e['top']['src']['total'] for i in j['incidents'] if i['tenant'] == '$big' for e in i['evidence']]")" \
    "[$n]" "the history's evidence of $big"
