#!/bin/bash
# bench/fleet.sh [BUILD_DIR]: what one node costs a fleet's Prometheus (docs/fleet.md). The daemon
# watches TENANTS throw-away namespaces (glob tenants), ELEVATED of them filled above warn from many
# sources (they export a top-N), the rest nearly empty. It prints the series of a real /metrics
# scrape (per tenant at ok, per tenant not ok, for the node), and, from a real Prometheus scraping
# every second, the scrape duration and samples of ctguard and of node_exporter (the peer every node
# already runs), in the same run. Root; everything listens inside a namespace of its own.
set -eu
BUILD=${1:-build}
CTGUARD=$BUILD/ctguard FIXTURE=$BUILD/tests/ct_fixture
TENANTS=${TENANTS:-20} ELEVATED=${ELEVATED:-4} SCRAPES=${SCRAPES:-20}
[ -x "$CTGUARD" ] && [ -x "$FIXTURE" ] || { echo "fleet.sh: build first ($CTGUARD, $FIXTURE)" >&2; exit 69; }
[ "$(id -u)" -eq 0 ] || { echo "fleet.sh: needs root (network namespaces)" >&2; exit 77; }
for tool in prometheus prometheus-node-exporter curl; do
    command -v "$tool" >/dev/null || { echo "fleet.sh: $tool is not installed" >&2; exit 69; }
done

P=ctgf-$$
TMP=$(mktemp -d)
PIDS=""
cleanup() {
    for pid in $PIDS; do kill "$pid" 2>/dev/null || true; done
    for pid in $PIDS; do wait "$pid" 2>/dev/null || true; done
    for ns in $(ip netns list | awk '{print $1}' | grep "^$P-"); do ip netns del "$ns"; done
    rm -rf "$TMP"
}
trap cleanup EXIT INT TERM
start() { nsenter --net="/run/netns/$P-obs" "$@" & PIDS="$PIDS $!"; }
get() { ip netns exec "$P-obs" curl -sf --max-time 5 "$@"; }
# until SECONDS CMD...: CMD until it succeeds, every 0.2 s.
until_ok() {
    local i=0 secs=$1; shift
    until "$@" >/dev/null 2>&1; do
        i=$((i + 1)); [ "$i" -le $((secs * 5)) ] || { echo "fleet.sh: timed out: $*" >&2; exit 70; }
        sleep 0.2
    done
}

ip netns add "$P-obs" && ip -n "$P-obs" link set lo up
for i in $(seq -w "$TENANTS"); do
    ip netns add "$P-t$i"
    if [ "$((10#$i))" -le "$ELEVATED" ]; then
        ip netns exec "$P-t$i" "$FIXTURE" insert --count 2000 --sources 200 --dst 198.19.0.0/24 --dests 20 >/dev/null
    else
        ip netns exec "$P-t$i" "$FIXTURE" insert --count 50 --sources 5 >/dev/null
    fi
done
cat >"$TMP/ctguard.toml" <<EOF
[daemon]
interval = 1
db = ""
listen = "127.0.0.1:9469"
[thresholds]
warn = 1000
[[tenant]]
netns = "$P-t*"
EOF
start "$CTGUARD" daemon --config "$TMP/ctguard.toml" 2>"$TMP/daemon.log"
start prometheus-node-exporter --web.listen-address=127.0.0.1:9100 >"$TMP/node_exporter.log" 2>&1
cat >"$TMP/prometheus.yml" <<EOF
global:
  scrape_interval: 1s
scrape_configs:
  - job_name: ctguard
    static_configs: [{targets: ["127.0.0.1:9469"]}]
  - job_name: node
    static_configs: [{targets: ["127.0.0.1:9100"]}]
EOF

# Every elevated tenant's top-N is on /metrics (the evidence of its change, taken off the loop).
tops_ready() { [ "$(get http://127.0.0.1:9469/metrics | grep -c '^ctguard_top_groups{.*by="src"')" -ge "$ELEVATED" ]; }
until_ok 60 tops_ready
get http://127.0.0.1:9469/metrics >"$TMP/metrics"
series() { grep -v '^#' "$TMP/metrics" | grep -c "$1" || true; }
total=$(series .)
ok_tenant=$(series "tenant=\"$P-t$(seq -w "$TENANTS" | tail -n 1)\"")
hot_tenant=$(series "tenant=\"$P-t$(seq -w "$TENANTS" | head -n 1)\"")
node=$(grep -v '^#' "$TMP/metrics" | grep -vc 'tenant=' || true)

start prometheus --config.file="$TMP/prometheus.yml" --storage.tsdb.path="$TMP/prom" \
    --web.listen-address=127.0.0.1:9090 >"$TMP/prometheus.log" 2>&1
# query EXPR: the value of its first sample.
query() {
    get http://127.0.0.1:9090/api/v1/query --data-urlencode "query=$1" |
        /usr/bin/python3 -c 'import json,sys; r=json.load(sys.stdin)["data"]["result"]; print(r[0]["value"][1] if r else "")'
}
enough() { [ "$(query "min(count_over_time(up[5m]))")" -ge "$SCRAPES" ] 2>/dev/null; }
until_ok $((SCRAPES * 3 + 30)) enough
ms() { query "avg_over_time(scrape_duration_seconds{job=\"$1\"}[5m]) * 1000"; }
samples() { query "avg_over_time(scrape_samples_scraped{job=\"$1\"}[5m])"; }
ours=$(ms ctguard) peer=$(ms node)

echo "fleet: $TENANTS tenants, $ELEVATED above warn (top-N exported), one /metrics scrape of the daemon"
printf '  series: %s in all (%s KiB); a tenant at ok %s, a tenant not ok %s, the node %s\n' \
    "$total" "$(($(stat -c %s "$TMP/metrics") / 1024))" "$ok_tenant" "$hot_tenant" "$node"
echo "Prometheus, $SCRAPES+ scrapes each, every second, on 127.0.0.1 (averages):"
printf '  ctguard daemon   %7.2f ms  %6.0f samples\n' "$ours" "$(samples ctguard)"
printf '  node_exporter    %7.2f ms  %6.0f samples\n' "$peer" "$(samples node)"
awk -v a="$ours" -v b="$peer" 'BEGIN { printf "  ratio ctguard / node_exporter: %.2fx the time\n", a / b }'
