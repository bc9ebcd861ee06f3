#!/bin/bash
# bench/live.sh [BUILD_DIR]: the daemon's live table, on a throw-away namespace filled to 262,144
# entries (or nf_conntrack_max if lower), all in one run:
#  1. `ctguard top --by src` answered from the daemon against `--no-daemon` (a kernel dump): medians
#     of $RUNS, their ratio, and a check that both print the same table (target < 10 ms).
#  2. What the live table holds: the daemon's RSS before and after its first dump, and the bytes of
#     the entries and their index it reports.
#  3. CPU at about 5,000 events/s (entries created and expiring): the daemon's utime+stime over
#     $SECONDS_LOAD s against `conntrack -E` following the same events (target < 5% of a core).
set -eu
BUILD=$(cd "${1:-build}" && pwd)
CT="$BUILD/ctguard"
FIX="$BUILD/tests/ct_fixture"
RUNS=${RUNS:-21}
SECONDS_LOAD=${SECONDS_LOAD:-20}
[ "$(id -u)" -eq 0 ] || { echo "bench: needs root (network namespaces)" >&2; exit 77; }
[ -x "$CT" ] && [ -x "$FIX" ] || { echo "bench: build first" >&2; exit 69; }

ns="ctg-live-$$"
TMP=$(mktemp -d)
DPID="" PEER=""
cleanup() {
    for p in $DPID $PEER; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
    ip netns del "$ns" 2>/dev/null || true
    rm -rf "$TMP"
}
trap cleanup EXIT INT TERM
ip netns add "$ns"
in_ns() { ip netns exec "$ns" "$@"; }
export CTGUARD_SOCKET="$TMP/run/ctguard.sock"

max=$(cat /proc/sys/net/netfilter/nf_conntrack_max)
want=$((max < 262144 ? max : 262144))
# The load below adds up to ~5,000 entries at a time: leave room for them.
fill=$((want - 6000))
tcp=$((fill * 70 / 100)); udp=$((fill * 20 / 100)); v6=$((fill - tcp - udp))
in_ns "$FIX" insert --count "$tcp" --src 198.18.0.0/16 --sources 5000 --dst 198.19.0.0/24 --dests 50 --dport 443 >/dev/null
in_ns "$FIX" insert --count "$udp" --src 198.18.0.0/16 --sources 20000 --dst 198.19.1.1 --proto udp --dport 53 --unreplied >/dev/null
in_ns "$FIX" insert --count "$v6" --src 2001:db8::/64 --sources 3000 --dst 2001:db8:1::1 --dport 80 >/dev/null
echo "table: $(in_ns conntrack -C) entries (nf_conntrack_max $max), kernel $(uname -r), $(nproc) CPUs"

printf '[daemon]\ninterval = 1\ndb = ""\nlisten = ""\nsocket = "%s"\n' "$CTGUARD_SOCKET" >"$TMP/ctguard.toml"
rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
in_ns "$CT" daemon --config "$TMP/ctguard.toml" 2>"$TMP/log" &
DPID=$!
i=0
until grep -q "entries read" "$TMP/log"; do
    i=$((i + 1)); [ $i -lt 1200 ] || { cat "$TMP/log"; echo "bench: no live table after 60 s" >&2; exit 70; }
    sleep 0.05
done
grep "entries read" "$TMP/log" | sed 's/^.*live table/live table/'
rss_live=$(rss_kb "$DPID")

# 1. top from the daemon and from a dump: the same table, then the times.
in_ns "$CT" top --by src >"$TMP/daemon.txt"
in_ns "$CT" top --by src --no-daemon >"$TMP/dump.txt"
grep -q "from the daemon's live table" "$TMP/daemon.txt" || { cat "$TMP/daemon.txt"; echo "bench: the daemon did not answer" >&2; exit 70; }
if diff <(head -n -1 "$TMP/daemon.txt") <(head -n -1 "$TMP/dump.txt") >/dev/null; then same=identical; else same=DIFFERENT; fi
median_ms() {
    /usr/bin/python3 - "$RUNS" "$@" <<'PY'
import statistics, subprocess, sys, time
runs = []
for _ in range(int(sys.argv[1])):
    t = time.perf_counter()
    subprocess.run(sys.argv[2:], stdout=subprocess.DEVNULL, check=True)
    runs.append((time.perf_counter() - t) * 1e3)
print(f"{statistics.median(runs):.2f}")
PY
}
# Both enter the namespace the same way (setns through --netns), so the ratio compares the work.
t_daemon=$(median_ms "$CT" --netns "$ns" top --by src)
t_dump=$(median_ms "$CT" --netns "$ns" top --by src --no-daemon)
t_ctc=$(median_ms "$CT" --netns "$ns" status --no-daemon)
mem=$(in_ns "$CT" --json status | /usr/bin/python3 -c 'import json,sys; j=json.load(sys.stdin)["live"]; print(j["entries"], j["memory_bytes"])')

# 3. About 5,000 events/s for SECONDS_LOAD s: 250 entries created every 100 ms with a 1 s timeout
#    (their expiry is the other half), each batch on source ports of its own. conntrack -E follows
#    the same events in the same run.
in_ns conntrack -E >/dev/null 2>&1 &
PEER=$!
sleep 0.5
events() { in_ns "$CT" --json status | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["live"]["events"])'; }
e0=$(events); d0=$(ticks "$DPID"); p0=$(ticks "$PEER"); t0=$(date +%s%N)
/usr/bin/python3 - "$SECONDS_LOAD" "$FIX" "$ns" <<'PY'
import subprocess, sys, time
secs, fix, ns = float(sys.argv[1]), sys.argv[2], sys.argv[3]
start = time.monotonic()
batch = 0
while time.monotonic() - start < secs:
    due = start + batch * 0.1
    if time.monotonic() < due:
        time.sleep(due - time.monotonic())
    subprocess.run(["ip", "netns", "exec", ns, fix, "insert", "--count", "250", "--src", "198.18.200.0/22",
                    "--sources", "250", "--dport", "9000", "--sport-base", str(1024 + batch % 60000),
                    "--timeout", "1"], stdout=subprocess.DEVNULL, check=True)
    batch += 1
PY
e1=$(events); d1=$(ticks "$DPID"); p1=$(ticks "$PEER"); t1=$(date +%s%N)
hz=$(getconf CLK_TCK)
read -r rate cpu_d cpu_p < <(awk -v e="$((e1 - e0))" -v d="$((d1 - d0))" -v p="$((p1 - p0))" -v ns="$((t1 - t0))" -v hz="$hz" \
    'BEGIN { s = ns / 1e9; printf "%.0f %.2f %.2f\n", e / s, 100 * d / hz / s, 100 * p / hz / s }')
kill "$PEER"; wait "$PEER" 2>/dev/null || true; PEER=""
kill "$DPID"; wait "$DPID" 2>/dev/null || true; DPID=""

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "-"; else printf "%.2f", a / b }'; }
read -r held bytes <<<"$mem"
printf '\n%-58s %10s\n' "top --by src, median of $RUNS" "ms"
printf '%-58s %10s\n' "ctguard top --by src (from the daemon's live table)" "$t_daemon"
printf '%-58s %10s\n' "ctguard top --by src --no-daemon (kernel dump)" "$t_dump"
printf '%-58s %10s\n' "ctguard status --no-daemon (start-up + one request)" "$t_ctc"
echo "dump / daemon: $(ratio "$t_dump" "$t_daemon")x; outputs $same (but for the footer)"
echo
echo "live table: $held entries in $bytes bytes ($(awk -v b="$bytes" -v n="$held" 'BEGIN { printf "%.0f", b / n }') per entry); daemon RSS $rss_live KiB"
echo
printf '%-58s %10s\n' "CPU at $rate events/s over ${SECONDS_LOAD} s" "% of a core"
printf '%-58s %10s\n' "ctguard daemon (live table)" "$cpu_d"
printf '%-58s %10s\n' "conntrack -E >/dev/null (same events)" "$cpu_p"
echo "daemon / conntrack -E: $(ratio "$cpu_d" "$cpu_p")x"
