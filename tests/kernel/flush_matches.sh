# flush in a throw-away namespace: six groups of entries; each flush must delete exactly the entries
# its filter matches. Checked against conntrack -L snapshots: nothing appears, every entry that went
# matches the filter, and no entry left matches it.
. "$TEST_LIB"
set -e
ns=$(new_netns flush)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"; stop_bg; cleanup_netns' EXIT
add() { in_ns "$ns" "$FIXTURE" insert "$@" >/dev/null; }
add --count 300 --sources 10 --src 198.18.1.0/24 --dport 80
add --count 50 --sources 10 --src 198.18.1.0/24 --dport 22 --sport-base 30000
add --count 200 --sources 5 --src 198.18.2.0/24 --proto udp --dport 53
add --count 100 --sources 4 --src 2001:db8:1::/64 --dst 2001:db8:2::1 --dport 443
add --count 40 --sources 2 --src 198.18.3.0/24 --dport 80 --zone 7
add --count 30 --sources 3 --src 198.18.4.0/24 --proto icmp
assert_eq "$(in_ns "$ns" conntrack -C)" 720 "fixture"

# conntrack -L without the timeout column (it counts down between snapshots), sorted.
snap() { in_ns "$ns" conntrack -L 2>/dev/null | awk '{$3=""; print}' | sort >"$1"; }
# exact PRED: python predicate over `e` (dict of the original direction: proto, src, dst, sport, dport,
# zone) holds for every entry that went, for none that stayed, and nothing new appeared. Prints the count.
exact() {
    /usr/bin/python3 - "$tmp/before" "$tmp/after" "$1" <<'PY'
import ipaddress as ip, sys
def parse(line):
    t = line.split()
    e = {"proto": t[0]}
    for kv in t[2:]:
        if "=" in kv:
            k, v = kv.split("=", 1)
            e.setdefault(k, v)  # the first src/dst/sport/dport is the original direction
    e.setdefault("zone", "0")
    return e
def net(c): return ip.ip_network(c)
def addr(a): return ip.ip_address(a)
before, after = (set(open(f).read().splitlines()) for f in sys.argv[1:3])
pred = eval("lambda e: " + sys.argv[3])
gone, new = before - after, after - before
assert not new, f"entries appeared: {sorted(new)[:3]}"
bad = [l for l in gone if not pred(parse(l))]
assert not bad, f"deleted entries that do not match: {bad[:3]}"
left = [l for l in after if pred(parse(l))]
assert not left, f"matching entries left: {left[:3]}"
print(len(gone))
PY
}
flush_exact() {  # flush_exact WANT PRED FLAGS...
    local want=$1 pred=$2; shift 2
    snap "$tmp/before"
    expect_exit 0 in_ns "$ns" "$CTGUARD" --json flush "$@"
    assert_eq "$(json 'j["matched"], j["deleted"], j["failed"]')" "$want $want 0" "flush $*"
    snap "$tmp/after"
    assert_eq "$(exact "$pred")" "$want" "conntrack -L after flush $*"
    echo "ok: flush $* deleted $want"
}

# Refused without a filter; --dry-run counts and deletes nothing.
expect_exit 64 in_ns "$ns" "$CTGUARD" flush
expect_err "ctguard: flush: no filter given: refusing to delete every entry"
expect_exit 0 in_ns "$ns" "$CTGUARD" flush --src 198.18.1.0/24 --dport 80 --dry-run
expect_out "would delete 300 entries (dry run: nothing deleted)"
assert_eq "$(in_ns "$ns" conntrack -C)" 720 "dry run deleted"

flush_exact 300 'e["proto"] == "tcp" and addr(e["src"]) in net("198.18.1.0/24") and e["dport"] == "80" and e["zone"] == "0"' \
    --src 198.18.1.0/24 --dport 80
flush_exact 40 'e["zone"] == "7"' --zone 7
flush_exact 30 'e["proto"] == "icmp"' --proto icmp
flush_exact 100 'addr(e["src"]) in net("2001:db8:1::/64")' --src 2001:db8:1::/64
flush_exact 80 'e["proto"] == "udp" and e["src"] in ("198.18.2.0", "198.18.2.1")' --proto udp --src 198.18.2.0/31
expect_exit 0 in_ns "$ns" "$CTGUARD" flush --dport 53
expect_out "deleted 120 of 120 matching entries"
expect_exit 0 in_ns "$ns" "$CTGUARD" --json flush --all
assert_eq "$(json 'j["deleted"]')" 50 "--all"
assert_eq "$(in_ns "$ns" conntrack -C)" 0 "table empty"

# Bad input: one line, exit 64; no kernel behind a --root tree: 69.
expect_exit 64 in_ns "$ns" "$CTGUARD" flush --src 198.18.0.0/33
expect_err "ctguard: --src: '198.18.0.0/33' is not an IP address or CIDR"
expect_exit 64 in_ns "$ns" "$CTGUARD" flush --src 198.18.0.0/24 --all
expect_err "ctguard: flush: --all cannot be combined with filters"
mkdir -p "$tmp/root/proc/sys/net/netfilter" && echo 0 >"$tmp/root/proc/sys/net/netfilter/nf_conntrack_count"
expect_exit 69 "$CTGUARD" --root "$tmp/root" flush --all
expect_err "ctguard: flush: a --root tree has no kernel to delete entries from"
