# cap in real namespaces: a client namespace opens more connections than the cap to a server
# namespace over a veth pair (198.18.77.0/24, 2001:db8:77::/64); only the cap get through, and the
# server's conntrack table holds exactly that many. Also: idempotence, --list, --exempt, --remove,
# and --persist into a --root tree whose file loads the same ruleset in a fresh namespace.
. "$TEST_LIB"
set -e
command -v nft >/dev/null || skip "needs nft"
srv=$(new_netns cap-srv)
cli=$(new_netns cap-cli)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"; stop_bg; cleanup_netns' EXIT
peers="/usr/bin/python3 $SRC_DIR/tests/fixture/tcp_peers.py"
ip link add cgs netns "$srv" type veth peer name cgc netns "$cli"
ip -n "$srv" addr add 198.18.77.1/24 dev cgs
ip -n "$cli" addr add 198.18.77.2/24 dev cgc
ip -n "$srv" addr add 2001:db8:77::1/64 dev cgs nodad
ip -n "$cli" addr add 2001:db8:77::2/64 dev cgc nodad
ip -n "$srv" link set cgs up
ip -n "$cli" link set cgc up
server() {  # (re)starts the listener; stop_bg also ends the clients and frees their connections
    stop_bg
    bg_start ip netns exec "$srv" $peers serve 8080 8081
    for _ in $(seq 50); do in_ns "$srv" ss -Hltn 'sport = :8081' | grep -q . && break; sleep 0.1; done
}
server

# clients HOST PORT: 8 simultaneous connections from the client namespace, held open for 15 s or
# until stop_bg, so the server's table can be checked while they are open (a dump can take a second or
# two on a busy host). Called directly, not in $(...), and without the in_ns wrapper (ip netns exec
# becomes the client), so stop_bg really ends them; up prints how many got through.
clients() {
    rm -f "$tmp/up"
    bg_start ip netns exec "$cli" $peers connect "$1" "$2" 8 15 >"$tmp/up"
}
up() {
    for _ in $(seq 40); do [ -s "$tmp/up" ] && break; sleep 0.1; done
    cat "$tmp/up"
}
established() {  # established SRC PORT: ESTABLISHED entries in the server's table
    in_ns "$srv" conntrack -L -p tcp --state ESTABLISHED -s "$1" --dport "$2" 2>/dev/null | grep -c ESTABLISHED || true
}

expect_exit 0 in_ns "$srv" "$CTGUARD" cap --per-source 3 --ports 8080
expect_out "loaded into table inet ctguard"
clients 198.18.77.1 8080
assert_eq "$(up)" 3 "IPv4 connections through a cap of 3"
assert_eq "$(established 198.18.77.2 8080)" 3 "server conntrack entries (IPv4)"
clients 198.18.77.1 8081
assert_eq "$(up)" 8 "a port outside --ports is not capped"
server
clients 2001:db8:77::1 8080
assert_eq "$(up)" 3 "IPv6 connections through a cap of 3"
assert_eq "$(established 2001:db8:77::2 8080)" 3 "server conntrack entries (IPv6)"

expect_exit 0 in_ns "$srv" "$CTGUARD" --json cap --list
assert_eq "$(json 'j["installed"], j["spec"]["per_source"], j["spec"]["ports"], j["dropped_packets"] > 0')" \
    "True 3 ['8080'] True" "--list"
# The IPv6 client still holds its connections (the IPv4 one ended with the server restart; the kernel
# drops a source from the set some time after its count falls to zero).
assert_eq "$(json '"2001:db8:77::2" in j["sources"]')" True "tracked sources"

# Idempotent: the same caps again change nothing; from scratch, two runs give the same ruleset.
# Compared without the sets' contents (-t) and the counters' values: the kernel's own IPv6 router
# solicitations and MLD reports, sent at times of its choosing, add set elements and count packets.
# That the counters were kept, not reset, is checked on their sum, which can only grow. The clients
# stop first: the 5 the cap refused keep retrying their SYNs, and each retry counts in a drop rule.
stop_bg
rules() { in_ns "$srv" nft -t list ruleset | sed 's/counter packets [0-9]* bytes [0-9]*/counter/'; }
packets() { in_ns "$srv" nft list table inet ctguard | grep -o 'packets [0-9]*' | awk '{n += $2} END {print n + 0}'; }
rules >"$tmp/r1"; p1=$(packets)
expect_exit 0 in_ns "$srv" "$CTGUARD" cap --per-source 3 --ports 8080
expect_out "already loaded with these caps: unchanged"
rules >"$tmp/r2"; p2=$(packets)
cmp -s "$tmp/r1" "$tmp/r2" || { diff "$tmp/r1" "$tmp/r2"; fail "re-running cap changed the ruleset"; }
[ "$p2" -ge "$p1" ] && [ "$p1" -gt 0 ] || fail "re-running cap reset the counters ($p1 -> $p2)"
expect_exit 0 in_ns "$srv" "$CTGUARD" cap --remove
in_ns "$srv" nft list tables | grep -q ctguard && fail "table left after --remove"
expect_exit 0 in_ns "$srv" "$CTGUARD" cap --per-source 3 --ports 8080
rules >"$tmp/r3"
expect_exit 0 in_ns "$srv" "$CTGUARD" cap --per-source 3 --ports 8080
rules >"$tmp/r4"
cmp -s "$tmp/r3" "$tmp/r4" || fail "two runs gave different rulesets"

# An exempt source is not capped.
server
expect_exit 0 in_ns "$srv" "$CTGUARD" cap --per-source 3 --ports 8080 --exempt 198.18.77.0/30
clients 198.18.77.1 8080
assert_eq "$(up)" 8 "exempt source"
expect_exit 0 in_ns "$srv" "$CTGUARD" cap --remove
expect_exit 0 in_ns "$srv" "$CTGUARD" cap --list
expect_out "no caps: table inet ctguard is not loaded"

stop_bg  # no client may still be retrying while rulesets are compared below

# --persist into a --root tree (Debian's /etc/nftables.conf): the file loads the same ruleset in a
# fresh namespace, twice in a row, and the conf includes it after its "flush ruleset".
root=$tmp/root; mkdir -p "$root/etc/systemd/system/sysinit.target.wants"
printf '#!/usr/sbin/nft -f\n\nflush ruleset\n\ntable inet filter {\n\tchain input {\n\t\ttype filter hook input priority filter;\n\t}\n}\n' \
    >"$root/etc/nftables.conf"
cp "$root/etc/nftables.conf" "$tmp/nftables.conf.orig"
expect_exit 0 in_ns "$srv" "$CTGUARD" --root "$root" cap --per-source 3 --ports 8080 --persist
expect_out "create /etc/nftables.d/ctguard.nft"
expect_out "nftables.service is not enabled"
assert_eq "$(tail -n1 "$root/etc/nftables.conf")" 'include "/etc/nftables.d/ctguard.nft"' "include line"
assert_eq "$(grep -n -e 'flush ruleset' -e include "$root/etc/nftables.conf" | cut -d: -f1 | tr '\n' ' ')" "3 11 " "include after flush"
fresh=$(new_netns cap-boot)
in_ns "$fresh" nft -f "$root/etc/nftables.d/ctguard.nft"
in_ns "$fresh" nft -f "$root/etc/nftables.d/ctguard.nft"
in_ns "$fresh" nft list ruleset >"$tmp/boot"
in_ns "$srv" nft list ruleset >"$tmp/live"
cmp -s "$tmp/boot" "$tmp/live" || { diff "$tmp/boot" "$tmp/live"; fail "persisted ruleset differs from the live one"; }
ln -s /lib/systemd/system/nftables.service "$root/etc/systemd/system/sysinit.target.wants/nftables.service"
expect_exit 0 in_ns "$srv" "$CTGUARD" --root "$root" --json cap --per-source 3 --ports 8080 --persist
assert_eq "$(json 'j["changed"], j["files"]')" "False []" "persist twice"
expect_exit 0 in_ns "$srv" "$CTGUARD" --root "$root" cap --remove --persist
[ -e "$root/etc/nftables.d/ctguard.nft" ] && fail "persisted file left after --remove --persist"
cmp -s "$root/etc/nftables.conf" "$tmp/nftables.conf.orig" || fail "include line left behind"
find "$root" -name '*.ctguard-*' | grep . && fail "temp file left behind"

# Bad input: one line, exit 64, nothing loaded.
for bad in "--per-source 0" "--per-source abc" "--per-source 3 --ports 70000" "--per-source 3 --ports 9-8" \
    "--per-source 3 --exempt 198.18.0.0/33" "--list --per-source 3" "" "--ports 22"; do
    # shellcheck disable=SC2086
    expect_exit 64 in_ns "$srv" "$CTGUARD" cap $bad
done
expect_exit 64 in_ns "$srv" "$CTGUARD" cap --per-source 0
expect_err "ctguard: --per-source: '0' is not a positive integer"
expect_exit 64 in_ns "$srv" "$CTGUARD" cap --per-source 3 --exempt 198.18.0.0/33
expect_err "ctguard: --exempt: '198.18.0.0/33' is not an IP address or CIDR"
in_ns "$srv" nft list tables | grep -q ctguard && fail "bad input loaded a table"
exit 0
