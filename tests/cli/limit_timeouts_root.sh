# limit timeouts on --root trees: listing, --set live and persisted into ctguard's file next to the max,
# legacy timeout keys, and bad names and numbers.
. "$TEST_LIB"
. "$SRC_DIR/tests/fixture/limit_tree.sh"
set -e
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"; cleanup_netns' EXIT
nf=proc/sys/net/netfilter
t=$tmp/t; limit_tree "$t"
echo 'net.ipv4.netfilter.ip_conntrack_tcp_timeout_established = 3600' >>"$t/etc/sysctl.conf"

expect_exit 0 "$CTGUARD" --root "$t" --json limit timeouts
assert_eq "$(json '[(r["name"], r["value"], r["recommended"]) for r in j["timeouts"] if r["value"] is not None]')" \
    "[('tcp_timeout_established', 432000, 10800), ('udp_timeout', 30, None)]" "rows"
assert_eq "$(json '[(c["key"], c["line"]) for c in j["conflicts"]]')" \
    "[('net.ipv4.netfilter.ip_conntrack_tcp_timeout_established', 11)]" "legacy timeout key"
json 'j["conflicts"][0]["problem"]' | grep -qF 'the key is net.netfilter.nf_conntrack_tcp_timeout_established' || fail "modern name"
expect_exit 0 "$CTGUARD" --root "$t" limit timeouts
expect_out "tcp_timeout_established  432,000  -        extreme: 10,800 recommended"

# The max first, then timeouts: both live in ctguard's one file.
expect_exit 0 "$CTGUARD" --root "$t" limit set 29000 --persist
expect_exit 0 "$CTGUARD" --root "$t" --json limit timeouts --set tcp_timeout_established=10800 --set nf_conntrack_udp_timeout=20 --persist
assert_eq "$(json '[(l["what"], l["before"], l["after"]) for l in j["live"]]')" \
    "[('net.netfilter.nf_conntrack_tcp_timeout_established', 432000, 10800), ('net.netfilter.nf_conntrack_udp_timeout', 30, 20)]" "live"
assert_eq "$(cat "$t/$nf/nf_conntrack_tcp_timeout_established") $(cat "$t/$nf/nf_conntrack_udp_timeout")" "10800 20" "written"
assert_eq "$(grep -v '^#' "$t/etc/sysctl.d/99-zz-ctguard.conf" | tr '\n' '|')" \
    "net.netfilter.nf_conntrack_max = 29000|net.netfilter.nf_conntrack_tcp_timeout_established = 10800|net.netfilter.nf_conntrack_udp_timeout = 20|" \
    "one file for all"
expect_exit 0 "$CTGUARD" --root "$t" --json limit timeouts
assert_eq "$(json '[(r["boot"]["file"], r["boot"]["value"]) for r in j["timeouts"] if r["boot"]]')" \
    "[('/etc/sysctl.d/99-zz-ctguard.conf', 10800), ('/etc/sysctl.d/99-zz-ctguard.conf', 20)]" "at boot"

# --dry-run shows the diff and changes nothing.
sum=$(tree_sum "$t")
expect_exit 0 "$CTGUARD" --root "$t" limit timeouts --set tcp_timeout_established=7200 --persist --dry-run
expect_out "-net.netfilter.nf_conntrack_tcp_timeout_established = 10800"
expect_out "+net.netfilter.nf_conntrack_tcp_timeout_established = 7200"
assert_eq "$(tree_sum "$t")" "$sum" "dry run changed the tree"

# Bad input: unknown name (64), bad seconds (64), a timeout this kernel lacks (69); nothing written.
expect_exit 64 "$CTGUARD" --root "$t" limit timeouts --set tcp_timeout_forever=10
expect_err "ctguard: limit timeouts: unknown timeout 'tcp_timeout_forever'"
expect_exit 64 "$CTGUARD" --root "$t" limit timeouts --set tcp_timeout_established
expect_err "ctguard: limit timeouts: 'tcp_timeout_established' is not NAME=SECONDS"
for s in 0 -1 1h 2147484; do
    expect_exit 64 "$CTGUARD" --root "$t" limit timeouts --set "udp_timeout=$s" --persist
    expect_err "ctguard: limit timeouts: udp_timeout: '$s' is not a positive integer (1-2147483)"
done
expect_exit 69 "$CTGUARD" --root "$t" limit timeouts --set sctp_timeout_established=60
expect_err "ctguard: net.netfilter.nf_conntrack_sctp_timeout_established: this kernel has no such sysctl"
expect_exit 64 "$CTGUARD" --root "$t" limit timeouts --persist
expect_err "need at least one --set"
assert_eq "$(tree_sum "$t")" "$sum" "bad input changed the tree"
find "$tmp" -name '*.ctguard-*' | grep . && fail "temp file left behind"
exit 0
