# Without root: entries need CAP_NET_ADMIN (exit 77 with a hint); the O(1) figures still work from
# world-readable /proc files.
. "$TEST_LIB"
set -e
[ "$(id -u)" -eq 0 ] || skip "needs root to drop privileges"
command -v setpriv >/dev/null || skip "setpriv missing"
ns=$(new_netns perm)
in_ns "$ns" "$FIXTURE" insert --count 42 >/dev/null
# The binary may live under a root-only directory (a build tree under /root): run a copy.
tmp=$(mktemp -d); trap 'cleanup_netns; rm -rf "$tmp"' EXIT
cp "$CTGUARD" "$tmp/ctguard"; chmod 755 "$tmp" "$tmp/ctguard"
nobody() { in_ns "$ns" setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all "$tmp/ctguard" "$@"; }

expect_exit 77 nobody top;          expect_err "ctguard: conntrack table: permission denied"
grep -q "^hint: .*root" "$ERR" || fail "no hint"
expect_exit 77 nobody list
expect_exit 0 nobody --json status
assert_eq "$(json 'j["count"]')" 42 "count without root"
assert_eq "$(json 'j["source"]')" proc "source without root"

# check without root: the figures it can read, and a list of what it could not see, not a failure.
expect_exit 0 nobody --json check
assert_eq "$(json 'j["status"]["count"]')" 42 "check count without root"
json '"\n".join(j["unseen"])' | grep -q "entries and processes: .*(run as root to include it)" || {
    cat "$OUT"; fail "check does not say what it could not see"; }
expect_exit 0 nobody check
expect_out "Not looked at"
