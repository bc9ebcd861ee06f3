#!/bin/bash
# bench/top_live.sh [BUILD_DIR]: the CPU `ctguard top --live` takes on a throw-away namespace holding
# 30,000 entries while about 1,000 events/s arrive (50 entries created every 100 ms with a 1 s timeout:
# their expiry is the other half), drawn in an 80x24 tmux pane at the default 1 s refresh. Its
# utime+stime over $SECONDS_LOAD s, against `conntrack -E` following the same events in the same run
# (target: < 5% of a core).
set -eu
BUILD=$(cd "${1:-build}" && pwd)
CT="$BUILD/ctguard"
FIX="$BUILD/tests/ct_fixture"
SECONDS_LOAD=${SECONDS_LOAD:-20}
[ "$(id -u)" -eq 0 ] || { echo "bench: needs root (network namespaces)" >&2; exit 77; }
[ -x "$CT" ] && [ -x "$FIX" ] || { echo "bench: build first" >&2; exit 69; }
command -v tmux >/dev/null || { echo "bench: tmux is not installed" >&2; exit 69; }

ns="ctg-toplive-$$"
sock=$(mktemp -u /tmp/ctguard-bench-tmux.XXXXXX)
PEER=""
cleanup() {
    [ -z "$PEER" ] || { kill "$PEER" 2>/dev/null || true; wait "$PEER" 2>/dev/null || true; }
    tmux -S "$sock" kill-server 2>/dev/null || true
    rm -f "$sock"
    ip netns del "$ns" 2>/dev/null || true
}
trap cleanup EXIT INT TERM
ip netns add "$ns"
in_ns() { ip netns exec "$ns" "$@"; }
in_ns "$FIX" insert --count 30000 --src 198.18.0.0/16 --sources 3000 --dst 198.19.0.0/24 --dests 50 --dport 443 >/dev/null
echo "table: $(in_ns conntrack -C) entries, kernel $(uname -r), $(nproc) CPUs"

tmux -S "$sock" -f /dev/null new-session -d -x 80 -y 24 "TERM=xterm-256color exec $CT --netns $ns top --live"
pid=$(tmux -S "$sock" display -p '#{pane_pid}')
i=0
until tmux -S "$sock" capture-pane -p | grep -q "table  30,000 / "; do
    i=$((i + 1)); [ $i -lt 600 ] || { tmux -S "$sock" capture-pane -p; echo "bench: no live view after 30 s" >&2; exit 70; }
    sleep 0.05
done
in_ns conntrack -E >/dev/null 2>&1 &
PEER=$!
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
d0=$(ticks "$pid"); p0=$(ticks "$PEER"); t0=$(date +%s%N)
/usr/bin/python3 - "$SECONDS_LOAD" "$FIX" "$ns" <<'PY'
import subprocess, sys, time
secs, fix, ns = float(sys.argv[1]), sys.argv[2], sys.argv[3]
start = time.monotonic()
batch = 0
while time.monotonic() - start < secs:
    due = start + batch * 0.1
    if time.monotonic() < due:
        time.sleep(due - time.monotonic())
    subprocess.run(["ip", "netns", "exec", ns, fix, "insert", "--count", "50", "--src", "198.18.200.0/22",
                    "--sources", "50", "--dport", "9000", "--sport-base", str(1024 + batch % 60000),
                    "--timeout", "1"], stdout=subprocess.DEVNULL, check=True)
    batch += 1
PY
d1=$(ticks "$pid"); p1=$(ticks "$PEER"); t1=$(date +%s%N)
screen=$(tmux -S "$sock" capture-pane -p)
hz=$(getconf CLK_TCK)
read -r cpu_v cpu_p < <(awk -v d="$((d1 - d0))" -v p="$((p1 - p0))" -v ns="$((t1 - t0))" -v hz="$hz" \
    'BEGIN { s = ns / 1e9; printf "%.2f %.2f\n", 100 * d / hz / s, 100 * p / hz / s }')
echo "$screen" | sed -n 2,4p
printf '\n%-58s %10s\n' "CPU over ${SECONDS_LOAD} s (~1,000 events/s, 30,000 entries)" "% of a core"
printf '%-58s %10s\n' "ctguard top --live (80x24, refresh 1 s)" "$cpu_v"
printf '%-58s %10s\n' "conntrack -E >/dev/null (same events)" "$cpu_p"
echo "top --live / conntrack -E: $(awk -v a="$cpu_v" -v b="$cpu_p" 'BEGIN { if (b == 0) print "-"; else printf "%.2f", a / b }')x"
