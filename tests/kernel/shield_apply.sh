# shield in real namespaces: a server namespace (a stateful firewall of its own, a TCP listener on
# 8080 and a DNS-like UDP listener on 53, IPv4 and IPv6 on a veth pair to a client namespace) gets
# the plan, --apply (checked against `nft list table`), clients through SYNPROXY, DNS without
# entries, idempotence, --remove (the ruleset and the sysctls exactly as before), --persist into a
# --root tree, and bad input. The saved sysctls go to /var/lib, bind-mounted to a temp directory in
# the private mount namespace of `ip netns exec`.
. "$TEST_LIB"
set -e
command -v nft >/dev/null || skip "needs nft"
srv=$(new_netns sh-srv)
cli=$(new_netns sh-cli)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"; stop_bg; cleanup_netns' EXIT
peers="/usr/bin/python3 $SRC_DIR/tests/fixture/flood_peers.py"
mkdir "$tmp/varlib"
ip link add shs netns "$srv" type veth peer name shc netns "$cli"
ip -n "$srv" addr add 198.18.78.1/24 dev shs
ip -n "$cli" addr add 198.18.78.2/24 dev shc
ip -n "$srv" addr add 2001:db8:78::1/64 dev shs nodad
ip -n "$cli" addr add 2001:db8:78::2/64 dev shc nodad
ip -n "$srv" link set shs up
ip -n "$cli" link set shc up
in_ns "$srv" nft -f "$SRC_DIR/tests/fixture/stateful_fw.nft"
bg_start ip netns exec "$srv" $peers serve 8080 53 200
wait_listen "$srv" 8080
wait_listen "$srv" 53 udp

shield() {  # shield ARGS...: ctguard shield in the server namespace, /var/lib private to it
    in_ns "$srv" sh -c 'mount --bind "$0" /var/lib && exec "$@"' "$tmp/varlib" "$CTGUARD" "$@"
}
sysctls() {
    in_ns "$srv" sysctl -n net.ipv4.tcp_syncookies net.ipv4.tcp_timestamps net.netfilter.nf_conntrack_tcp_loose | tr '\n' ' '
}
ruleset() { in_ns "$srv" nft list ruleset | sed 's/counter packets [0-9]* bytes [0-9]*/counter/'; }
# Values the shield must change, so --remove has something to put back.
in_ns "$srv" sysctl -qw net.ipv4.tcp_syncookies=0 net.ipv4.tcp_timestamps=0 net.netfilter.nf_conntrack_tcp_loose=1
before_sysctls=$(sysctls)
ruleset >"$tmp/before"
# From Linux 6.17 the listener rejects the timestamp echo of SYNPROXY's ACK: ctguard then leaves
# the timestamp option out, and tcp_timestamps alone.
if grep -q ' TSEcrRejected' /proc/net/netstat; then
    stamps=0 changed="['net.netfilter.nf_conntrack_tcp_loose', 'net.ipv4.tcp_syncookies']"
else
    stamps=1 changed="['net.ipv4.tcp_timestamps', 'net.netfilter.nf_conntrack_tcp_loose', 'net.ipv4.tcp_syncookies']"
fi

# The plan: what it would do and why, and the diff; nothing changes.
expect_exit 0 shield shield
expect_out "the plan for this namespace (nothing is changed"
expect_out "synproxy   yes  tcp 8080 listens (sock_diag)"
expect_out "notrack    yes  a DNS server listens on udp 53"
expect_out "net.netfilter.nf_conntrack_tcp_loose 1 -> 0"
expect_out "+	set synproxy_ports {"
expect_exit 0 shield --json shield --apply --dry-run
assert_eq "$(json 'j["action"], j["changed"], j["dry_run"], [l["what"] for l in j["live"]]')" \
    "apply True True $changed" "dry run"
ruleset >"$tmp/after-plan"
cmp -s "$tmp/before" "$tmp/after-plan" || fail "the plan or --dry-run changed the ruleset"
assert_eq "$(sysctls)" "$before_sysctls" "the plan or --dry-run changed sysctls"
[ -z "$(ls "$tmp/varlib")" ] || fail "the plan wrote a file"

# --apply: the table nft lists is the one ctguard planned, the sysctls are set.
expect_exit 0 shield --json shield --apply
assert_eq "$(json 'j["changed"], j["installed"]')" "True False" "apply"
json 'j["ruleset"].rstrip("\n")' >"$tmp/planned"
in_ns "$srv" nft list table inet ctguard_shield | sed 's/counter packets [0-9]* bytes [0-9]*/counter packets 0 bytes 0/' >"$tmp/listed"
diff "$tmp/planned" "$tmp/listed" >/dev/null || { diff "$tmp/planned" "$tmp/listed"; fail "nft lists another table than planned"; }
assert_eq "$(sysctls)" "1 $stamps 0 " "sysctls under the shield"
grep -q "synproxy mss 1460" "$tmp/listed" || fail "MSS not from the veth's MTU 1500"

# Clients get in over IPv4 and IPv6 (SYNPROXY answered their SYNs), DNS needs no entry.
in_ns "$cli" $peers clients 198.18.78.1 8080 20 100 >"$tmp/c4"
in_ns "$cli" $peers clients 2001:db8:78::1 8080 20 100 >"$tmp/c6"
assert_eq "$(json 'j["ok"]' "$tmp/c4") $(json 'j["ok"]' "$tmp/c6")" "20 20" "clients through SYNPROXY"
# A handshake SYNPROXY completes badly costs a 1 s retransmission; the median shows it under any load.
assert_eq "$(json 'j["p50_ms"] < 500' "$tmp/c4") $(json 'j["p50_ms"] < 500' "$tmp/c6")" "True True" "median connect time"
in_ns "$cli" $peers queries 198.18.78.1 53 10 100 >"$tmp/q"
assert_eq "$(json 'j["ok"]' "$tmp/q")" 10 "DNS queries answered"
assert_eq "$(in_ns "$srv" conntrack -L -p udp --dport 53 2>/dev/null | grep -c 'dport=53' || true)" 0 "DNS entries"
synproxied=$(in_ns "$srv" nft list table inet ctguard_shield | grep 'meta nfproto ipv4.*synproxy' | grep -o 'packets [0-9]*' | cut -d' ' -f2)
[ "$synproxied" -ge 40 ] || fail "SYNPROXY saw $synproxied packets for 20 IPv4 clients (SYN and ACK each)"

# Idempotent: a second --apply changes nothing and keeps the counters.
ruleset >"$tmp/r1"
expect_exit 0 shield shield --apply
expect_out "already loaded as planned: unchanged"
ruleset >"$tmp/r2"
cmp -s "$tmp/r1" "$tmp/r2" || { diff "$tmp/r1" "$tmp/r2"; fail "a second --apply changed the ruleset"; }
again=$(in_ns "$srv" nft list table inet ctguard_shield | grep 'meta nfproto ipv4.*synproxy' | grep -o 'packets [0-9]*' | cut -d' ' -f2)
[ "$again" -ge "$synproxied" ] || fail "a second --apply reset the counters"

# --remove: the ruleset and the sysctls exactly as before; a second one has nothing to do.
expect_exit 0 shield shield --remove
expect_out "removed table inet ctguard_shield"
ruleset >"$tmp/after"
cmp -s "$tmp/before" "$tmp/after" || { diff "$tmp/before" "$tmp/after"; fail "--remove left the ruleset changed"; }
assert_eq "$(sysctls)" "$before_sysctls" "sysctls after --remove"
[ -z "$(ls "$tmp/varlib/ctguard/shield")" ] || fail "saved sysctls left after --remove"
expect_exit 0 shield shield --remove
expect_out "is not loaded: nothing to remove"

# --ports narrows; a sysctl the admin changed while the shield was on stays the admin's.
expect_exit 0 shield --json shield --apply --ports 8080
assert_eq "$(json '[m["ports"] for m in j["measures"] if m["chosen"]][0]')" "[8080]" "--ports 8080"
in_ns "$srv" sysctl -qw net.ipv4.tcp_syncookies=2
expect_exit 0 shield shield --remove
assert_eq "$(sysctls)" "2 0 1 " "--remove keeps a value changed since"
in_ns "$srv" sysctl -qw net.ipv4.tcp_syncookies=0

# --persist into a --root tree: the file loads the same table in a fresh namespace, the conf
# includes it, --remove --persist takes both back. The tree has the namespace's sysctls as files.
root=$tmp/root
mkdir -p "$root/proc/sys/net/ipv4" "$root/proc/sys/net/netfilter" "$root/proc/sys/net/core" "$root/etc" "$root/var/lib"
for k in ipv4/tcp_syncookies ipv4/tcp_timestamps ipv4/tcp_window_scaling ipv4/tcp_sack ipv4/tcp_rmem core/rmem_max \
    netfilter/nf_conntrack_tcp_loose netfilter/nf_conntrack_count netfilter/nf_conntrack_tcp_timeout_syn_sent \
    netfilter/nf_conntrack_tcp_timeout_syn_recv netfilter/nf_conntrack_tcp_timeout_close netfilter/nf_conntrack_udp_timeout; do
    in_ns "$srv" cat "/proc/sys/net/$k" >"$root/proc/sys/net/$k"
done
printf '#!/usr/sbin/nft -f\n\nflush ruleset\n' >"$root/etc/nftables.conf"
cp "$root/etc/nftables.conf" "$tmp/conf.orig"
expect_exit 0 in_ns "$srv" "$CTGUARD" --root "$root" shield --apply --persist
expect_out "create /etc/nftables.d/ctguard-shield.nft"
expect_out "create /etc/sysctl.d/99-zz-ctguard-shield.conf"
assert_eq "$(cat "$root/proc/sys/net/ipv4/tcp_syncookies")" 1 "the tree's sysctl"
grep -q '^net.netfilter.nf_conntrack_tcp_loose = 0$' "$root/etc/sysctl.d/99-zz-ctguard-shield.conf" || fail "boot sysctls"
tail -n1 "$root/etc/nftables.conf" | grep -qF 'include "/etc/nftables.d/ctguard-shield.nft"' || fail "include line"
fresh=$(new_netns sh-boot)
in_ns "$fresh" nft -f "$root/etc/nftables.d/ctguard-shield.nft"
in_ns "$fresh" nft -f "$root/etc/nftables.d/ctguard-shield.nft"
in_ns "$fresh" nft list table inet ctguard_shield >"$tmp/boot"
in_ns "$srv" nft list table inet ctguard_shield | sed 's/counter packets [0-9]* bytes [0-9]*/counter packets 0 bytes 0/' >"$tmp/live"
cmp -s "$tmp/boot" "$tmp/live" || { diff "$tmp/boot" "$tmp/live"; fail "persisted table differs from the live one"; }
expect_exit 0 in_ns "$srv" "$CTGUARD" --root "$root" shield --remove --persist
[ -e "$root/etc/nftables.d/ctguard-shield.nft" ] && fail "persisted ruleset left after --remove --persist"
[ -e "$root/etc/sysctl.d/99-zz-ctguard-shield.conf" ] && fail "persisted sysctls left after --remove --persist"
cmp -s "$root/etc/nftables.conf" "$tmp/conf.orig" || fail "include line left behind"
assert_eq "$(cat "$root/proc/sys/net/ipv4/tcp_syncookies")" 0 "the tree's sysctl put back"

# Bad input: one line, exit 64, nothing loaded.
for bad in "--ports 9999" "--ports abc" "--ports 0" "--ports 70000" "--apply --remove" "--persist" "--dry-run" \
    "--remove --ports 8080"; do
    # shellcheck disable=SC2086
    expect_exit 64 shield shield $bad
    [ "$(wc -l <"$ERR")" -le 2 ] || fail "'shield $bad' printed more than an error and a hint"
done
expect_exit 64 shield shield --apply --ports 9999
expect_err "ctguard: --ports: nothing listens on port 9999 (TCP or UDP) in this namespace"
in_ns "$srv" nft list tables | grep -q ctguard_shield && fail "bad input loaded a table"
assert_eq "$(sysctls)" "$before_sysctls" "bad input changed sysctls"

# A namespace that tracks nothing is left alone.
expect_exit 0 in_ns "$fresh" nft delete table inet ctguard_shield
expect_exit 0 in_ns "$fresh" sh -c 'mount --bind "$0" /var/lib && exec "$@"' "$tmp/varlib" "$CTGUARD" shield --apply
expect_out "tracks no connections"
in_ns "$fresh" nft list tables | grep -q . && fail "the shield loaded a table into a namespace that tracks nothing"
exit 0
