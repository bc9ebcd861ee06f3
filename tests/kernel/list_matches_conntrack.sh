# list --json agrees with conntrack -L field by field, and the /proc fallback reads the same table.
. "$TEST_LIB"
. "$SRC_DIR/tests/fill_mixed.sh"
set -e
ns=$(new_netns list)
fill_mixed "$ns"
tmp=$(mktemp -d); trap 'cleanup_netns; rm -rf "$tmp"' EXIT

in_ns "$ns" conntrack -L -o extended >"$tmp/peer.txt" 2>/dev/null
expect_exit 0 in_ns "$ns" "$CTGUARD" --json list
cp "$OUT" "$tmp/ours.json"
assert_eq "$(json 'j["matched"]')" "$FILL_MIXED_TOTAL" "matched"
/usr/bin/python3 "$SRC_DIR/tests/oracle.py" compare-list "$tmp/ours.json" "$tmp/peer.txt"

# The /proc source (as used when ctnetlink is unavailable) through a --root copy of the same table.
mkdir -p "$tmp/root/proc/net/stat" "$tmp/root/proc/sys/net/netfilter"
in_ns "$ns" cat /proc/net/nf_conntrack >"$tmp/root/proc/net/nf_conntrack"
in_ns "$ns" cat /proc/net/stat/nf_conntrack >"$tmp/root/proc/net/stat/nf_conntrack"
for k in count max buckets; do
    in_ns "$ns" cat /proc/sys/net/netfilter/nf_conntrack_$k >"$tmp/root/proc/sys/net/netfilter/nf_conntrack_$k"
done
expect_exit 0 "$CTGUARD" --root "$tmp/root" --json list
cp "$OUT" "$tmp/proc.json"
/usr/bin/python3 "$SRC_DIR/tests/oracle.py" compare-list "$tmp/proc.json" "$tmp/peer.txt"
expect_exit 0 "$CTGUARD" --root "$tmp/root" --json status
assert_eq "$(json 'j["source"]')" proc "source"
assert_eq "$(json 'j["count"]')" "$FILL_MIXED_TOTAL" "count from /proc"

# --limit caps what is shown, not what is counted.
expect_exit 0 in_ns "$ns" "$CTGUARD" --json list --limit 5
assert_eq "$(json 'len(j["entries"])')" 5 "shown with --limit"
assert_eq "$(json 'j["matched"]')" "$FILL_MIXED_TOTAL" "matched with --limit"

# Every output says which source served.
expect_exit 0 in_ns "$ns" "$CTGUARD" --json top
assert_eq "$(json 'j["source"]')" netlink "top source"
expect_exit 0 "$CTGUARD" --root "$tmp/root" --json list --limit 1
assert_eq "$(json 'j["source"]')" proc "list source from /proc"
expect_exit 0 "$CTGUARD" --root "$tmp/root" top
expect_out "read over proc"
