# top agrees with counting conntrack -L output for every key, alone and combined, with filters.
. "$TEST_LIB"
. "$SRC_DIR/tests/fill_mixed.sh"
set -e
ns=$(new_netns top)
fill_mixed "$ns"
tmp=$(mktemp -d); trap 'cleanup_netns; rm -rf "$tmp"' EXIT
in_ns "$ns" conntrack -L -o extended >"$tmp/peer.txt" 2>/dev/null

for by in src dst sport dport proto state zone mark src,dport proto,state dst,dport,zone; do
    expect_exit 0 in_ns "$ns" "$CTGUARD" --json top --by "$by" -n 7
    cp "$OUT" "$tmp/top.json"
    /usr/bin/python3 "$SRC_DIR/tests/oracle.py" compare-top "$tmp/top.json" "$tmp/peer.txt" "$by" >/dev/null
done

expect_exit 0 in_ns "$ns" "$CTGUARD" --json top --by src -n 1
assert_eq "$(json 'j["rows"][0]["src"]')" 198.18.0.10 "largest source"
assert_eq "$(json 'j["rows"][0]["count"]')" 900 "largest source count"

# Filters against the peer's own filtering (conntrack -L options) and the oracle's CIDR matching.
check_filter() {  # expected-count ctguard-filter-args...
    local expected=$1; shift
    expect_exit 0 in_ns "$ns" "$CTGUARD" --json top --by proto "$@"
    assert_eq "$(json 'j["total"]')" "$expected" "filter $*"
}
check_filter "$(in_ns "$ns" conntrack -L -p tcp --dport 22 2>/dev/null | wc -l)" --proto tcp --dport 22
check_filter "$(in_ns "$ns" conntrack -L -p tcp --state SYN_RECV 2>/dev/null | wc -l)" --state syn_recv
check_filter "$(in_ns "$ns" conntrack -L -w 7 2>/dev/null | wc -l)" --zone 7
check_filter "$(in_ns "$ns" conntrack -L -m 0x10 2>/dev/null | wc -l)" --mark 0x10
check_filter "$(in_ns "$ns" conntrack -L -m 0x20/0xf0 2>/dev/null | wc -l)" --mark 0x20/0xf0
check_filter "$(/usr/bin/python3 "$SRC_DIR/tests/oracle.py" count "$tmp/peer.txt" src-cidr=198.18.1.0/25)" --src 198.18.1.0/25
check_filter "$(/usr/bin/python3 "$SRC_DIR/tests/oracle.py" count "$tmp/peer.txt" dst-cidr=2001:db8:2::/120)" --dst 2001:db8:2::/120
check_filter "$(/usr/bin/python3 "$SRC_DIR/tests/oracle.py" count "$tmp/peer.txt" src-cidr=198.18.2.0/24 dport=22)" --src 198.18.2.0/24 --dport 20-30
check_filter 415 --state UNREPLIED --proto tcp
