#!/bin/bash
# bench/shield_flood.sh [BUILD_DIR]: a spoofed-source flood against a server, without and with
# `ctguard shield`, in the same run. Three throw-away namespaces on veth pairs (198.18.80.0/24 to
# the attacker, 198.18.81.0/24 to the client): a server with a stateful firewall of its own
# (tests/fixture/stateful_fw.nft), a TCP listener on 8080 and a DNS-like UDP listener on 53; an
# attacker running `hping3 --flood --rand-source` for FLOOD_SECONDS (as fast as this machine allows);
# a client opening RATE connections a second during the flood, each waiting for the server's
# greeting. Reports per phase: packets sent, peak table count, client success and p50/p99 connect
# time; then the same for a UDP flood against port 53 (notrack under the shield).
# RESULTS=FILE also writes one JSON object per phase to FILE (the kernel test reads it).
# The server's replies to forged addresses are routed to the attacker's namespace, which drops
# them: nothing leaves the namespaces this script creates.
set -eu
BUILD=$(cd "${1:-build}" && pwd)
SRC=$(cd "$(dirname "$0")/.." && pwd)
FLOOD_SECONDS=${FLOOD_SECONDS:-10}
RATE=${RATE:-20}
RESULTS=${RESULTS:-}
[ "$(id -u)" -eq 0 ] || { echo "bench: needs root (network namespaces)" >&2; exit 77; }
command -v hping3 >/dev/null || { echo "bench: needs hping3" >&2; exit 77; }

tag="ctg-bench-shield-$$"
srv=$tag-srv atk=$tag-atk cli=$tag-cli
tmp=$(mktemp -d)
pids=""
cleanup() {
    for p in $pids; do kill "$p" 2>/dev/null || true; done
    for ns in "$srv" "$atk" "$cli"; do
        ip netns pids "$ns" 2>/dev/null | xargs -r kill -9 2>/dev/null || true
        ip netns del "$ns" 2>/dev/null || true
    done
    rm -rf "$tmp"
}
trap cleanup EXIT INT TERM
for ns in "$srv" "$atk" "$cli"; do
    ip netns add "$ns"
    ip -n "$ns" link set lo up
done
ip link add sa netns "$srv" type veth peer name as netns "$atk"
ip link add sc netns "$srv" type veth peer name cs netns "$cli"
ip -n "$srv" addr add 198.18.80.1/24 dev sa
ip -n "$atk" addr add 198.18.80.2/24 dev as
ip -n "$srv" addr add 198.18.81.1/24 dev sc
ip -n "$cli" addr add 198.18.81.2/24 dev cs
for l in "$srv sa" "$srv sc" "$atk as" "$cli cs"; do
    set -- $l
    ip -n "$1" link set "$2" up
done
ip -n "$srv" route add default via 198.18.80.2
ip -n "$cli" route add default via 198.18.81.1
ip netns exec "$srv" nft -f "$SRC/tests/fixture/stateful_fw.nft"
peers="/usr/bin/python3 $SRC/tests/fixture/flood_peers.py"
ip netns exec "$srv" $peers serve 8080 53 $((FLOOD_SECONDS * 4 + 120)) &
pids="$pids $!"
for _ in $(seq 100); do
    ip netns exec "$srv" ss -Hltn 'sport = :8080' | grep -q . && ip netns exec "$srv" ss -Hlun 'sport = :53' | grep -q . && break
    sleep 0.1
done
mkdir "$tmp/varlib"
# ctguard in the server namespace; its saved sysctls go to a temp /var/lib (ip netns exec gives the
# command a mount namespace of its own).
shield() { ip netns exec "$srv" sh -c 'mount --bind "$0" /var/lib && exec "$@"' "$tmp/varlib" "$BUILD/ctguard" shield "$@" >/dev/null; }
tx() { ip netns exec "$atk" cat /sys/class/net/as/statistics/tx_packets; }

# phase NAME PROTO: one flood with the client measuring, the server's table polled for its peak.
phase() {
    local name=$1 proto=$2 peak_pid client_pid t0 t1 n
    ip netns exec "$srv" conntrack -F >/dev/null 2>&1 || true
    rm -f "$tmp/peak" "$tmp/peak.stop"
    ip netns exec "$srv" $peers peak $((FLOOD_SECONDS + 30)) "$tmp/peak" &
    peak_pid=$!
    n=$((FLOOD_SECONDS * RATE))
    if [ "$proto" = tcp ]; then
        ip netns exec "$cli" $peers clients 198.18.81.1 8080 "$n" "$RATE" >"$tmp/client" &
    else
        ip netns exec "$cli" $peers queries 198.18.81.1 53 "$n" "$RATE" >"$tmp/client" &
    fi
    client_pid=$!
    t0=$(tx)
    if [ "$proto" = tcp ]; then
        ip netns exec "$atk" timeout "$FLOOD_SECONDS" hping3 -q -S -p 8080 --rand-source --flood 198.18.80.1 >/dev/null 2>&1 || true
    else
        ip netns exec "$atk" timeout "$FLOOD_SECONDS" hping3 -q --udp -p 53 --rand-source --flood 198.18.80.1 >/dev/null 2>&1 || true
    fi
    t1=$(tx)
    wait "$client_pid"
    touch "$tmp/peak.stop"
    wait "$peak_pid"
    /usr/bin/python3 - "$name" "$proto" $((t1 - t0)) "$FLOOD_SECONDS" "$(cat "$tmp/peak")" "$tmp/client" <<'PY' | tee -a "$tmp/results"
import json, sys
name, proto, sent, secs, peak, client = sys.argv[1:]
c = json.load(open(client))
print(json.dumps({"phase": name, "proto": proto, "sent": int(sent), "pps": int(int(sent) / float(secs)),
                  "peak": int(peak), "tried": c["tried"], "ok": c["ok"], "success": c["ok"] / c["tried"],
                  "p50_ms": c["p50_ms"], "p99_ms": c["p99_ms"]}))
PY
}

phase tcp-without tcp >/dev/null
shield --apply
phase tcp-with tcp >/dev/null
shield --remove
phase udp-without udp >/dev/null
shield --apply
phase udp-with udp >/dev/null
shield --remove
[ -z "$RESULTS" ] || cp "$tmp/results" "$RESULTS"

/usr/bin/python3 - "$tmp/results" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
print("%-12s %10s %8s %10s %9s %9s %9s" % ("phase", "sent", "pkt/s", "peak", "success", "p50 ms", "p99 ms"))
for r in rows:
    print("%-12s %10d %8d %10d %8.1f%% %9s %9s" % (r["phase"], r["sent"], r["pps"], r["peak"], 100 * r["success"],
                                                 r["p50_ms"], r["p99_ms"]))
by = {r["phase"]: r for r in rows}
for proto in ("tcp", "udp"):
    off, on = by[proto + "-without"], by[proto + "-with"]
    print("%s: peak table count %d without the shield, %d with it (%.0fx lower); client success %.1f%% -> %.1f%%"
          % (proto, off["peak"], on["peak"], off["peak"] / max(on["peak"], 1), 100 * off["success"], 100 * on["success"]))
PY
