#!/bin/bash
# make bench: fills a throw-away namespace's table to nf_conntrack_max and times, in the same run on
# the same table, ctguard against the floor (a counting-only libmnl dump) and the usual peers.
# Prints medians of 5, ratios and peak RSS. Usage: bench/run.sh BUILD_DIR
set -eu
BUILD=$(cd "${1:-build}" && pwd)
HERE=$(cd "$(dirname "$0")" && pwd)
RUNS=${RUNS:-5}
[ "$(id -u)" -eq 0 ] || { echo "bench: needs root (network namespaces)" >&2; exit 77; }

ns="ctg-bench-$$"
ip netns add "$ns"
trap 'ip netns del "$ns" 2>/dev/null || true' EXIT
in_ns() { ip netns exec "$ns" "$@"; }

max=$(cat /proc/sys/net/netfilter/nf_conntrack_max)
# A realistic mix: a few heavy sources among many, mostly TCP, some UDP and IPv6.
tcp=$((max * 70 / 100)); udp=$((max * 20 / 100)); v6=$((max - tcp - udp))
in_ns "$BUILD/tests/ct_fixture" insert --count "$tcp" --src 198.18.0.0/16 --sources 5000 --dst 198.19.0.0/24 --dests 50 --dport 443 >/dev/null
in_ns "$BUILD/tests/ct_fixture" insert --count "$udp" --src 198.18.0.0/16 --sources 20000 --dst 198.19.1.1 --proto udp --dport 53 --unreplied >/dev/null
in_ns "$BUILD/tests/ct_fixture" insert --count "$v6" --src 2001:db8::/64 --sources 3000 --dst 2001:db8:1::1 --dport 80 >/dev/null
count=$(in_ns conntrack -C)
echo "table: $count entries (nf_conntrack_max $max), kernel $(uname -r), $(nproc) CPUs"

# measure CMD: prints "MEDIAN_MS PEAK_RSS_KB" over $RUNS runs (peak: the largest of the runs).
measure() {
    local t=$(mktemp) i
    for i in $(seq 1 "$RUNS"); do
        /usr/bin/time -o "$t" -a -f "%e %M" bash -c "$*" >/dev/null 2>&1
    done
    sort -n "$t" | awk '{ms[NR] = $1 * 1000; if ($2 > rss) rss = $2} END { printf "%.0f %d\n", ms[int((NR + 1) / 2)], rss }'
    rm -f "$t"
}
# /usr/bin/time has 10 ms resolution; the dump commands take hundreds of ms, status needs finer:
status_us() {
    /usr/bin/python3 - "$@" <<'PY'
import statistics, subprocess, sys, time
runs = []
for _ in range(21):
    t = time.perf_counter()
    subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True)
    runs.append((time.perf_counter() - t) * 1e6)
print(f"{statistics.median(runs):.0f}")
PY
}

E="ip netns exec $ns"
awk_src='{for (i = 1; i <= NF; i++) if ($i ~ /^src=/) { print $i; break }}'
read -r floor floor_rss < <(measure "$E $BUILD/bench/bench_floor_dump")
read -r top top_rss < <(measure "$E $BUILD/ctguard top --by src")
read -r top2 top2_rss < <(measure "$E $BUILD/ctguard top --by src,dport")
read -r ctl ctl_rss < <(measure "$E conntrack -L")
read -r pipe pipe_rss < <(measure "$E conntrack -L 2>/dev/null | awk '$awk_src' | sort | uniq -c | sort -rn | head")
read -r procpipe procpipe_rss < <(measure "$E awk '$awk_src' /proc/net/nf_conntrack | sort | uniq -c | sort -rn | head")
st=$(status_us ip netns exec "$ns" "$BUILD/ctguard" status)
st_setns=$(status_us "$BUILD/ctguard" --netns "$ns" status)
ctc=$(status_us ip netns exec "$ns" conntrack -C)

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
printf '\n%-52s %10s %10s\n' "command (median of $RUNS)" "ms" "peak RSS"
row() { printf '%-52s %10s %8s MiB\n' "$1" "$2" "$(awk -v k="$3" 'BEGIN { printf "%.1f", k / 1024 }')"; }
row "floor: libmnl dump, count only" "$floor" "$floor_rss"
row "ctguard top --by src" "$top" "$top_rss"
row "ctguard top --by src,dport" "$top2" "$top2_rss"
row "conntrack -L >/dev/null" "$ctl" "$ctl_rss"
row "conntrack -L | awk | sort | uniq -c | sort -rn" "$pipe" "$pipe_rss"
row "awk /proc/net/nf_conntrack | sort | uniq -c | sort -rn" "$procpipe" "$procpipe_rss"
echo
echo "ctguard top / floor                 $(ratio "$top" "$floor")x   (target <= 1.2)"
echo "conntrack -L / ctguard top          $(ratio "$ctl" "$top")x   (target >= 2.5)"
echo "pipeline / ctguard top              $(ratio "$pipe" "$top")x   (target >= 3.5)"
echo "/proc pipeline / ctguard top        $(ratio "$procpipe" "$top")x"
echo "ctguard top peak RSS                $(awk -v k="$top_rss" 'BEGIN { printf "%.1f", k / 1024 }') MiB (target <= 48)"
ms() { awk -v u="$1" 'BEGIN { printf "%.2f", u / 1000 }'; }
echo "ctguard status                      $(ms "$st") ms under ip netns exec, $(ms "$st_setns") ms with --netns (target < 10; conntrack -C under ip netns exec: $(ms "$ctc") ms)"

# The daemon's live table on a table of its own (bench/live.sh): top from it against a dump, its
# memory, and its CPU under 5,000 events/s against conntrack -E.
echo
"$HERE/live.sh" "$BUILD"
