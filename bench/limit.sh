#!/bin/bash
# bench/limit.sh [BUILD_DIR]: flush speed. A throw-away namespace holds COUNT entries, half of them
# to port 80; each round deletes that half with `ctguard flush --dport 80` and, after refilling,
# with `conntrack -D -p tcp --dport 80` (the usual tool), in the same run on the same table.
# Prints the median of ROUNDS and the same-run ratio. Also times `ctguard flush --dry-run` (dump and
# match only) to show what the deletes themselves cost.
set -eu
BUILD=$(cd "${1:-build}" && pwd)
COUNT=${COUNT:-100000}
ROUNDS=${ROUNDS:-3}
[ "$(id -u)" -eq 0 ] || { echo "bench: needs root (network namespaces)" >&2; exit 77; }
command -v conntrack >/dev/null || { echo "bench: needs conntrack (conntrack-tools)" >&2; exit 69; }

ns="ctg-bench-limit-$$"
ip netns add "$ns"
trap 'ip netns del "$ns" 2>/dev/null || true' EXIT
in_ns() { ip netns exec "$ns" "$@"; }
half=$((COUNT / 2))
fill() { in_ns "$BUILD/tests/ct_fixture" insert --count "$half" --src 198.18.0.0/16 --sources 1000 --dport "$1" >/dev/null; }
fill 80
fill 443

# ms CMD...: wall time of one run in milliseconds.
ms() {
    local t0 t1
    t0=$(date +%s%N)
    "$@" >/dev/null 2>&1
    t1=$(date +%s%N)
    echo $(((t1 - t0) / 1000000))
}
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

ours="" peer="" dry=""
for _ in $(seq "$ROUNDS"); do
    dry="$dry $(ms in_ns "$BUILD/ctguard" flush --dport 80 --dry-run)"
    ours="$ours $(ms in_ns "$BUILD/ctguard" flush --dport 80)"
    [ "$(in_ns conntrack -C)" -eq "$half" ] || { echo "bench: ctguard flush left the wrong count" >&2; exit 70; }
    fill 80
    peer="$peer $(ms in_ns conntrack -D -p tcp --dport 80)"
    [ "$(in_ns conntrack -C)" -eq "$half" ] || { echo "bench: conntrack -D left the wrong count" >&2; exit 70; }
    fill 80
done
ours=$(echo $ours | tr ' ' '\n' | median)
peer=$(echo $peer | tr ' ' '\n' | median)
dry=$(echo $dry | tr ' ' '\n' | median)
global=$(awk '$1 == "nf_conntrack" { print $2 }' /proc/slabinfo 2>/dev/null || echo "?")

echo "flush: delete $half of $COUNT entries (--dport 80), median of $ROUNDS, kernel $(uname -r), $(nproc) CPUs"
echo "  (every dump walks the host-wide hash table: $global conntrack objects in all namespaces right now)"
printf '  %-44s %8s ms\n' "ctguard flush --dport 80" "$ours"
printf '  %-44s %8s ms\n' "conntrack -D -p tcp --dport 80" "$peer"
printf '  %-44s %8s ms\n' "ctguard flush --dport 80 --dry-run (no deletes)" "$dry"
awk -v a="$peer" -v b="$ours" 'BEGIN { if (b > 0) printf "  conntrack -D / ctguard flush: %.2fx\n", a / b }'
