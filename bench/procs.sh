#!/bin/bash
# procs benchmark: `ctguard procs` and `top --by process` on 30,000 entries and 500 processes, in a
# throw-away namespace, against what a person runs by hand for the same answer (conntrack -L plus
# ss -tunap, which does the same sock_diag dump and /proc/*/fd scan). Prints figures and ratios.
#   bench/procs.sh [BUILD_DIR]     (root; target: procs < 1 s)
set -eu
build=${1:-build}
ctguard=$(realpath "$build/ctguard")
ct_fixture=$(realpath "$build/tests/ct_fixture")
flow_fixture=$(realpath "$build/tests/flow_fixture")
[ "$(id -u)" -eq 0 ] || { echo "bench/procs.sh: needs root (network namespaces)" >&2; exit 77; }
ns=ctg-bench-procs-$$
work=$(mktemp -d /tmp/ctg-bench-procs-XXXXXX)
cleanup() {
    for d in /proc/[0-9]*; do
        case "$(readlink "$d/exe" 2>/dev/null)" in "$work"/*) kill -9 "${d#/proc/}" 2>/dev/null || true ;; esac
    done
    ip netns del "$ns" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT INT TERM
ip netns add "$ns"
ip -n "$ns" link set lo up
ip -n "$ns" addr add 198.18.0.1/32 dev lo
ip netns exec "$ns" nft add table inet t
ip netns exec "$ns" nft add chain inet t out '{ type filter hook output priority 0; }'
ip netns exec "$ns" nft add rule inet t out ct state new counter

# 500 processes with 4 real UDP flows each (2,000 entries with sockets) ...
cp "$flow_fixture" "$work/worker"
for i in $(seq 500); do
    ip netns exec "$ns" "$work/worker" client --udp 198.18.0.1 5300 4 --lifetime 120 &
    disown
done
# ... and 28,000 more entries without a local socket (as on a router or after sockets closed).
ip netns exec "$ns" "$ct_fixture" insert --count 28000 --sources 200 --src 198.18.0.0/16 --dst 198.19.0.0/16 \
    --dests 50 >/dev/null
for i in $(seq 100); do
    [ "$(ip netns exec "$ns" conntrack -C)" -ge 30000 ] && break
    sleep 0.2
done
entries=$(ip netns exec "$ns" conntrack -C)
procs=$(ls -d /proc/[0-9]* | wc -l)
echo "table: $entries entries; $procs processes on the host (500 of them the workers)"

# Median of 5 runs, in milliseconds.
median_ms() {
    local times=()
    for r in 1 2 3 4 5; do
        local s=$(date +%s%N)
        "$@" >/dev/null 2>&1
        times+=($(( ($(date +%s%N) - s) / 1000000 )))
    done
    printf '%s\n' "${times[@]}" | sort -n | sed -n 3p
}
procs_ms=$(median_ms ip netns exec "$ns" "$ctguard" --json procs)
top_ms=$(median_ms ip netns exec "$ns" "$ctguard" --json top --by process)
peer_ms=$(median_ms sh -c "ip netns exec $ns conntrack -L; ip netns exec $ns ss -tuanp")
ip netns exec "$ns" "$ctguard" --json procs >"$work/out.json"
attributed=$(/usr/bin/python3 -c "import json; j=json.load(open('$work/out.json')); print(j['flows']['attributed'])")
echo "attributed: $attributed entries to processes"
echo "ctguard procs:            ${procs_ms} ms (target < 1000 ms)"
echo "ctguard top --by process: ${top_ms} ms"
echo "conntrack -L + ss -tuanp: ${peer_ms} ms (prints both tables, joins nothing)"
/usr/bin/python3 -c "print(f'ratio procs / peer: {$procs_ms / max(1, $peer_ms):.2f}   top --by process / peer: {$top_ms / max(1, $peer_ms):.2f}')"
