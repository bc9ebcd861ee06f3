# Fleet alerts end to end, with Debian's real prometheus and prometheus-alertmanager: the daemon
# watches a throw-away namespace that crosses its warn line; Prometheus scrapes the daemon and
# evaluates contrib/prometheus/ctguard-alerts.yml; Alertmanager, configured by
# contrib/alertmanager/alertmanager.yml, delivers to a webhook receiver, then the resolve when the
# count falls. Prints the time from the crossing to each delivery. Then contrib's routing and
# inhibition on alerts posted straight to the same Alertmanager.
#
# Everything listens on the loopback of a namespace of its own (obs), so the ports cannot collide
# with the machine's or another test's. Only timings change against contrib's files: the rules'
# `for` is 0s (one evaluation), groups wait and repeat 1 s, everything is scraped and evaluated
# every second, and the daemon counts every 0.2 s.
. "$TEST_LIB"
set -e
for tool in prometheus prometheus-alertmanager curl; do
    command -v "$tool" >/dev/null || skip "$tool is not installed (Debian packages prometheus, prometheus-alertmanager, curl)"
done
/usr/bin/python3 -c 'import yaml' 2>/dev/null || skip "python3-yaml is not installed"
obs=$(new_netns obs)
vps=$(new_netns vps)
TMP=$(mktemp -d)
trap 'stop_bg; rm -rf "$TMP"; cleanup_netns' EXIT INT TERM
run_obs() { bg_start nsenter --net="/run/netns/$obs" "$@"; }
# wait_for SECONDS WHAT CMD...: CMD until it succeeds, polling every 0.2 s; then the logs and a failure.
wait_for() {
    local secs=$1 what=$2 i=0
    shift 2
    until "$@" >/dev/null 2>&1; do
        i=$((i + 1))
        if [ "$i" -gt $((secs * 5)) ]; then
            for log in "$TMP"/*.log; do echo "--- $log"; tail -n 15 "$log"; done
            echo "--- webhook"; cat "$TMP/webhook.jsonl" 2>/dev/null || true
            fail "waited ${secs}s for $what"
        fi
        sleep 0.2
    done
}
get() { ip netns exec "$obs" curl -sf --max-time 5 "$@"; }

# The daemon, in obs, watching vps.
cat >"$TMP/ctguard.toml" <<EOF
[daemon]
interval = 0.2
db = ""
listen = "127.0.0.1:9469"

[thresholds]
warn = 100
cap = 900
suspend = 1000
for = 1

[[tenant]]
netns = "$vps"
EOF
run_obs "$CTGUARD" daemon --config "$TMP/ctguard.toml" >"$TMP/daemon.log" 2>&1

# Contrib's rules and Alertmanager configuration with the test's timings and receiver.
/usr/bin/python3 - "$SRC_DIR/contrib" "$TMP" <<'PY'
import sys, urllib.parse, yaml
contrib, tmp = sys.argv[1], sys.argv[2]
rules = yaml.safe_load(open(f"{contrib}/prometheus/ctguard-alerts.yml"))
for group in rules["groups"]:
    for rule in group["rules"]:
        if "for" in rule:
            rule["for"] = "0s"
yaml.safe_dump(rules, open(f"{tmp}/rules.yml", "w"))
am = yaml.safe_load(open(f"{contrib}/alertmanager/alertmanager.yml"))
def fast(route):
    for key in ("group_wait", "group_interval"):
        if key in route:
            route[key] = "1s"
    for sub in route.get("routes", []):
        fast(sub)
fast(am["route"])
hooks = 0
for receiver in am["receivers"]:
    for hook in receiver.get("webhook_configs", []):
        hook["url"] = "http://127.0.0.1:9095" + urllib.parse.urlsplit(hook["url"]).path
        hooks += 1
assert hooks >= 2, "contrib's receivers lost their webhooks"
yaml.safe_dump(am, open(f"{tmp}/alertmanager.yml", "w"))
PY
cat >"$TMP/prometheus.yml" <<EOF
global:
  scrape_interval: 1s
  evaluation_interval: 1s
rule_files: ["$TMP/rules.yml"]
alerting:
  alertmanagers:
    - static_configs:
        - targets: ["127.0.0.1:9093"]
scrape_configs:
  - job_name: ctguard
    static_configs:
      - targets: ["127.0.0.1:9469"]
EOF
run_obs /usr/bin/python3 "$SRC_DIR/tests/webhook_receiver.py" 127.0.0.1 9095 "$TMP/webhook.jsonl" >"$TMP/webhook.log" 2>&1
# No cluster: gossip would listen on every address of the namespace.
run_obs prometheus-alertmanager --config.file="$TMP/alertmanager.yml" --storage.path="$TMP/am" \
    --web.listen-address=127.0.0.1:9093 --cluster.listen-address= >"$TMP/alertmanager.log" 2>&1
run_obs prometheus --config.file="$TMP/prometheus.yml" --storage.tsdb.path="$TMP/prom" \
    --web.listen-address=127.0.0.1:9090 --rules.alert.resend-delay=1s >"$TMP/prometheus.log" 2>&1

# query EXPR: the first sample's value, empty when there is none.
query() {
    get http://127.0.0.1:9090/api/v1/query --data-urlencode "query=$1" |
        /usr/bin/python3 -c 'import json,sys; r=json.load(sys.stdin)["data"]["result"]; print(r[0]["value"][1] if r else "")'
}
level_is() { [ "$(query "ctguard_conntrack_level{tenant=\"$vps\",level=\"$1\"}")" = 1 ]; }
am_known() { get http://127.0.0.1:9090/api/v1/alertmanagers | grep -q 127.0.0.1:9093; }
wait_for 30 "alertmanager ready" get -o /dev/null http://127.0.0.1:9093/-/ready
wait_for 30 "prometheus ready" get -o /dev/null http://127.0.0.1:9090/-/ready
wait_for 30 "prometheus to know the alertmanager" am_known
wait_for 30 "a scrape of the daemon with $vps at ok" level_is ok

# delivery STATUS ALERTNAME TENANT: "UNIX_TIME PATH RECEIVER GROUP_LABELS SEVERITY" of the first
# notification with that status holding that alert; exits 1 while there is none.
delivery() {
    /usr/bin/python3 - "$TMP/webhook.jsonl" "$@" <<'PY'
import json, sys
path, status, name, tenant = sys.argv[1:]
try:
    lines = open(path).read().splitlines()
except FileNotFoundError:
    sys.exit(1)
for line in lines:
    try:
        m = json.loads(line)
    except ValueError:
        continue  # a line still being written
    b = m["body"]
    for a in b["alerts"]:
        if b["status"] == status and a["labels"]["alertname"] == name and a["labels"].get("tenant") == tenant:
            print(f'{m["at"]} {m["path"]} {b["receiver"]} {",".join(sorted(b["groupLabels"]))} {a["labels"]["severity"]}')
            sys.exit(0)
sys.exit(1)
PY
}

# The crossing: 300 entries against warn = 100.
in_ns "$vps" "$FIXTURE" insert --count 300 >/dev/null
crossed=$(date +%s.%N)
wait_for 60 "the elevated alert at the webhook" delivery firing CtguardTenantElevated "$vps"
read -r at path receiver group severity <<<"$(delivery firing CtguardTenantElevated "$vps")"
assert_eq "$path $receiver" "/ctguard/ticket ctguard-ticket" "warning alerts go to the ticket receiver"
assert_eq "$group" "instance,tenant" "grouped by"
assert_eq "$severity" warning "severity of an elevated tenant"
echo "crossing to delivery: $(/usr/bin/python3 -c "print(f'{$at - $crossed:.1f}')") s (daemon every 0.2 s; scrape, evaluation and group_wait 1 s)"

in_ns "$vps" conntrack -F 2>/dev/null
fell=$(date +%s.%N)
wait_for 60 "the resolve at the webhook" delivery resolved CtguardTenantElevated "$vps"
read -r at path receiver group severity <<<"$(delivery resolved CtguardTenantElevated "$vps")"
assert_eq "$receiver" ctguard-ticket "the resolve's receiver"
echo "fall to resolve: $(/usr/bin/python3 -c "print(f'{$at - $fell:.1f}')") s (the daemon holds the level 1 s after the fall: for = 1)"

# Routing and inhibition, on alerts posted to the same Alertmanager: on node-1, tenant a is above the
# suspension line and near full (near full is inhibited), tenant b only near full (delivered).
post_alerts() {
    /usr/bin/python3 -c '
import json
def alert(name, severity, tenant):
    return {"labels": {"alertname": name, "severity": severity, "tenant": tenant, "instance": "node-1"}}
print(json.dumps([alert("CtguardTenantCritical", "critical", "a"), alert("CtguardTableNearFull", "warning", "a"),
                  alert("CtguardTableNearFull", "warning", "b")]))' |
        get -o /dev/null -X POST -H 'Content-Type: application/json' --data-binary @- http://127.0.0.1:9093/api/v2/alerts
}
post_alerts
wait_for 30 "the critical alert of tenant a" delivery firing CtguardTenantCritical a
wait_for 30 "the near-full alert of tenant b" delivery firing CtguardTableNearFull b
read -r at path receiver group severity <<<"$(delivery firing CtguardTenantCritical a)"
assert_eq "$path $receiver" "/ctguard/page ctguard-page" "critical alerts page"
# Alertmanager's own view: a's near-full alert is suppressed by its critical one.
state=$(get "http://127.0.0.1:9093/api/v2/alerts?filter=alertname%3D%22CtguardTableNearFull%22&filter=tenant%3D%22a%22" |
    /usr/bin/python3 -c 'import json,sys; a=json.load(sys.stdin); print(a[0]["status"]["state"], len(a[0]["status"]["inhibitedBy"]))')
assert_eq "$state" "suppressed 1" "the near-full alert of tenant a"
# b's near-full notification went out after a's would have (same group_wait): a's never did.
if delivery firing CtguardTableNearFull a >/dev/null; then fail "the near-full alert of tenant a was delivered despite the critical one"; fi
echo "routing and inhibition as contrib/alertmanager/alertmanager.yml says"
