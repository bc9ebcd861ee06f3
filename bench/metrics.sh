#!/bin/bash
# bench/metrics.sh [BUILD_DIR]: how long one /metrics scrape of 100 tenants takes (top-10 sources and
# ports each, rendered per scrape), served by ctguard's MetricsServer; and, in the same run, the
# same exposition served by node_exporter's textfile collector (the `ctguard metrics --textfile`
# route). Both timed by curl, a new connection per scrape, on 127.0.0.1. Goal: under 50 ms.
set -eu
BUILD=${1:-build}
SERVER="$BUILD/bench/metrics_bench_server"
SCRAPES=${SCRAPES:-200}
TENANTS=100
[ -x "$SERVER" ] || { echo "metrics.sh: build first ($SERVER missing)" >&2; exit 69; }

TMP=$(mktemp -d)
PIDS=""
cleanup() {
    for pid in $PIDS; do kill "$pid" 2>/dev/null || true; done
    for pid in $PIDS; do wait "$pid" 2>/dev/null || true; done
    rm -rf "$TMP"
}
trap cleanup EXIT INT TERM

# stats URL: median and p90 of $SCRAPES scrapes in ms, after 5 to warm up.
stats() {
    for _ in 1 2 3 4 5; do curl -sf --max-time 5 -o /dev/null "$1"; done
    for _ in $(seq "$SCRAPES"); do curl -sf --max-time 5 -o /dev/null -w '%{time_total}\n' "$1"; done |
        sort -g | awk '{ v[NR] = $1 * 1000 } END { printf "%.2f %.2f\n", v[int((NR + 1) / 2)], v[int(NR * 0.9)] }'
}
# wait_up URL: up to 10 s for a first answer.
wait_up() {
    for _ in $(seq 100); do curl -sf --max-time 1 -o /dev/null "$1" && return 0; sleep 0.1; done
    echo "metrics.sh: $1 did not answer" >&2
    exit 69
}

"$SERVER" --tenants $TENANTS --print >"$TMP/ctguard.prom"
lines=$(grep -vc '^#' "$TMP/ctguard.prom")
kib=$(( $(stat -c %s "$TMP/ctguard.prom") / 1024 ))

"$SERVER" --tenants $TENANTS >"$TMP/server.out" &
PIDS="$PIDS $!"
for _ in $(seq 100); do grep -q '^serving' "$TMP/server.out" && break; sleep 0.05; done
url=$(sed -n 's/^serving \(http:[^ ]*\)$/\1/p' "$TMP/server.out")
[ -n "$url" ] || { echo "metrics.sh: the bench server did not start" >&2; exit 70; }
read -r ours ours_p90 < <(stats "$url")

peer="" peer_p90=""
if command -v prometheus-node-exporter >/dev/null; then
    mkdir "$TMP/textfile" && cp "$TMP/ctguard.prom" "$TMP/textfile/"
    port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    prometheus-node-exporter --collector.disable-defaults --collector.textfile \
        --collector.textfile.directory="$TMP/textfile" --web.listen-address="127.0.0.1:$port" \
        >"$TMP/node_exporter.log" 2>&1 &
    PIDS="$PIDS $!"
    wait_up "http://127.0.0.1:$port/metrics"
    read -r peer peer_p90 < <(stats "http://127.0.0.1:$port/metrics")
fi

echo "metrics: one scrape of $TENANTS tenants ($lines series, $kib KiB), median of $SCRAPES curl scrapes"
printf '  ctguard MetricsServer (render per scrape)   %8.2f ms   p90 %6.2f ms\n' "$ours" "$ours_p90"
if [ -n "$peer" ]; then
    printf '  node_exporter textfile (same exposition)  %8.2f ms   p90 %6.2f ms\n' "$peer" "$peer_p90"
    awk -v a="$peer" -v b="$ours" 'BEGIN { printf "  ratio node_exporter / ctguard              %8.2fx\n", a / b }'
else
    echo "  node_exporter textfile: prometheus-node-exporter not installed, no peer figure"
fi
if awk -v v="$ours" 'BEGIN { exit !(v < 50) }'; then
    echo "  goal: under 50 ms: met"
else
    echo "  goal: under 50 ms: MISSED"
    exit 1
fi
