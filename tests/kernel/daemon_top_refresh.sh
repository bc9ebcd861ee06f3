# daemon [daemon] top_interval: the top-N on /metrics of a tenant that is not ok is refreshed
# (off the loop) without a level change; top_interval = 0 turns that off.
. "$TEST_LIB"
. "$SRC_DIR/tests/daemon_lib.sh"
set -e
a=$(new_netns a)
{ daemon_toml "" 'listen = "127.0.0.1:0"' "top_interval = 0.3"; netns_tenants "$a"; cat <<CFG
[thresholds]
warn = 50
CFG
} >"$T/ctguard.toml"
start_daemon "$T/ctguard.toml"
wait_log 1 "watching namespace"
url=$(metrics_url)
top() { echo "^ctguard_top_entries\\{tenant=\"$a\",by=\"src\",key=\"$1\"\\} $2\$"; }

in_ns "$a" "$FIXTURE" insert --count 60 --src 198.18.1.0/32 >/dev/null
wait_log 1 "tenant $a: ok -> elevated"
wait_metrics "$url" "$(top 198.18.1.0 60)"
# More entries from another source, still at warn: no change, no new evidence; the refresh shows them.
in_ns "$a" "$FIXTURE" insert --count 100 --src 198.18.2.7/32 >/dev/null
wait_metrics "$url" "$(top 198.18.2.7 100)" 3
assert_eq "$(log_count "tenant $a: ")" 2 "log lines of $a (watching, ok -> elevated)"

# Off: after a reload with top_interval = 0, a third source never shows, though the count does.
sed -i 's/^top_interval = .*/top_interval = 0/' "$T/ctguard.toml"
kill -HUP "$DPID"
wait_log 1 "reloaded "
in_ns "$a" "$FIXTURE" insert --count 200 --src 198.18.3.3/32 >/dev/null
wait_metrics "$url" "^ctguard_conntrack_entries\\{tenant=\"$a\"\\} 360$" 3
wait_intervals 5
wait_metrics "$url" "$(top 198.18.2.7 100)" 1
grep -q 'key="198.18.3.3"' "$T/metrics" && fail "top-N refreshed with top_interval = 0"
stop_daemon
