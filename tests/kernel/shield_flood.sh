# The shield under a real flood (bench/shield_flood.sh with short floods): hping3 --rand-source
# SYNs against a TCP listener, then UDP against a DNS-like listener, each without and with the
# shield. Asserted is what holds on a loaded 2-core machine: without the shield the flood fills the
# table, with it the table stays under 1,000 and clients still get in. The timing targets (p99
# connect time, 99% success) are the bench's.
. "$TEST_LIB"
set -e
[ "$(id -u)" -eq 0 ] || skip "needs root for network namespaces"
command -v hping3 >/dev/null || skip "needs hping3"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
FLOOD_SECONDS=3 RATE=20 RESULTS="$tmp/results" bash "$SRC_DIR/bench/shield_flood.sh" "$(dirname "$CTGUARD")" >"$tmp/out" ||
    { cat "$tmp/out"; fail "bench/shield_flood.sh failed"; }
cat "$tmp/out"
row() { /usr/bin/python3 -c "import json,sys; r={j['phase']: j for j in map(json.loads, open(sys.argv[1]))}[sys.argv[2]]; print($2)" "$tmp/results" "$1"; }
for proto in tcp udp; do
    assert_eq "$(row $proto-without 'r["sent"] >= 2000 and r["peak"] >= 1000')" True "$proto flood without the shield fills the table"
    assert_eq "$(row $proto-with 'r["peak"] < 1000')" True "$proto flood with the shield: peak under 1,000"
done
assert_eq "$(row tcp-with 'r["success"] >= 0.9')" True "TCP clients get in during the flood"
assert_eq "$(row udp-with 'r["success"] >= 0.5')" True "DNS queries answered during the flood"
exit 0
