# A real Prometheus scrapes `ctguard metrics --listen` (the same MetricsServer the daemon uses) and
# reports the count conntrack -C sees. Everything runs inside a throw-away network namespace, so
# both servers listen on that namespace's loopback only.
. "$TEST_LIB"
set -e
command -v prometheus >/dev/null || skip "prometheus (Debian package) is not installed"
command -v promtool >/dev/null || skip "promtool (Debian package prometheus) is not installed"
ns=$(new_netns metrics)
TMP=$(mktemp -d)
trap 'stop_bg; rm -rf "$TMP"; cleanup_netns' EXIT INT TERM

in_ns "$ns" "$FIXTURE" insert --count 1234 --sources 7 >/dev/null
in_ns "$ns" "$FIXTURE" insert --count 56 --src 2001:db8::/64 --dst 2001:db8:1::1 --proto udp --dport 53 >/dev/null

# One-shot exposition of the namespace: valid for promtool, and the kernel's count.
expect_exit 0 in_ns "$ns" "$CTGUARD" metrics
promtool check metrics <"$OUT" || fail "promtool check metrics"
grep -qx "ctguard_conntrack_entries{tenant=\"host\"} $(in_ns "$ns" conntrack -C)" "$OUT" || fail "entries vs conntrack -C"
grep -qx 'ctguard_top_entries{tenant="host",by="dport",key="53"} 56' "$OUT" || fail "top dport 53"
grep -qx 'ctguard_top_groups{tenant="host",by="src"} 8' "$OUT" || fail "distinct sources"

# The exporter, then Prometheus scraping it every second (nsenter execs: the PIDs are the servers').
bg_start "$CTGUARD" --netns "$ns" metrics --listen 127.0.0.1:9469 >"$TMP/ctguard.out" 2>"$TMP/ctguard.err"
cat >"$TMP/prometheus.yml" <<YML
global:
  scrape_interval: 1s
  evaluation_interval: 1s
rule_files:
  - $SRC_DIR/contrib/prometheus/ctguard-alerts.yml
scrape_configs:
  - job_name: ctguard
    static_configs:
      - targets: ["127.0.0.1:9469"]
YML
bg_start nsenter --net="/run/netns/$ns" prometheus --config.file="$TMP/prometheus.yml" \
    --storage.tsdb.path="$TMP/data" --web.listen-address=127.0.0.1:9090 >"$TMP/prometheus.log" 2>&1

api() { in_ns "$ns" curl -s --max-time 5 "http://127.0.0.1:9090$1" "${@:2}"; }
# query EXPR: the first sample's value, empty when there is none.
query() {
    api /api/v1/query --data-urlencode "query=$1" |
        /usr/bin/python3 -c 'import json,sys; r=json.load(sys.stdin)["data"]["result"]; print(r[0]["value"][1] if r else "")'
}
# wait_for WHAT CMD...: retries CMD (a test) for up to 30 s.
wait_for() {
    what=$1; shift
    for _ in $(seq 150); do "$@" && return 0; sleep 0.2; done
    echo "--- prometheus log"; tail -n 20 "$TMP/prometheus.log"; echo "--- ctguard"; cat "$TMP/ctguard.out" "$TMP/ctguard.err"
    fail "timed out waiting for $what"
}
# Served with --netns: the tenant label is the namespace's name.
entries_are() { [ "$(query "ctguard_conntrack_entries{tenant=\"$ns\"}" 2>/dev/null)" = "$1" ]; }

wait_for "prometheus ready" api /-/ready -f -o /dev/null
wait_for "the first scrape" entries_are "$(in_ns "$ns" conntrack -C)"
assert_eq "$(query 'up{job="ctguard"}')" 1 "up"
assert_eq "$(query "sum by (instance, job, tenant) (ctguard_top_entries{tenant=\"$ns\",by=\"src\"}) - ctguard_conntrack_entries{tenant=\"$ns\"}")" 0 \
    "top-N plus other adds up to the count"

# Every scrape reads the table afresh.
in_ns "$ns" "$FIXTURE" insert --count 100 --src 198.18.9.0/24 --sources 100 --dport 443 >/dev/null
wait_for "the new count" entries_are "$(in_ns "$ns" conntrack -C)"
assert_eq "$(query "ctguard_conntrack_entries{tenant=\"$ns\"}")" 1390 "count after inserting 100"

# The alert rules evaluate against live data without errors.
rules_ok() {
    api /api/v1/rules | /usr/bin/python3 -c '
import json, sys
rules = [r for g in json.load(sys.stdin)["data"]["groups"] for r in g["rules"]]
sys.exit(0 if len(rules) == 8 and all(r["health"] == "ok" for r in rules) else 1)'
}
wait_for "alert rules evaluated" rules_ok

# Every dashboard query is valid PromQL and runs (Grafana variables replaced by match-all values).
/usr/bin/python3 - "$SRC_DIR/contrib/grafana/ctguard.json" >"$TMP/exprs" <<'PY'
import json, sys
for p in json.load(open(sys.argv[1]))["panels"]:
    for t in p["targets"]:
        print(t["expr"].replace("$instance", ".*").replace("$tenant", ".*").replace("$__rate_interval", "1m"))
PY
while IFS= read -r expr; do
    status=$(api /api/v1/query --data-urlencode "query=$expr" | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])')
    assert_eq "$status" success "dashboard query: $expr"
done <"$TMP/exprs"
