# check on --root trees: the cap verdicts (misconfigured by default, normal once capped and persisted,
# the legacy key), a compromise found by the audit alone, a host without nf_conntrack, bad input.
. "$TEST_LIB"
. "$SRC_DIR/tests/fixture/limit_tree.sh"
. "$SRC_DIR/tests/fixture/audit_tree.sh"
set -e
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
R=$tmp/root
make_clean_tree "$R"
limit_tree "$R" 262144 9
make_proc_tree "$R" 9 262144
steps() { json '"\n".join(j["remediation"])'; }

# A distribution default: nf_conntrack_max 262,144 and nothing persisted.
expect_exit 1 "$CTGUARD" --root "$R" --json check
assert_eq "$(json 'j["verdict"]')" misconfigured "default cap"
assert_eq "$(json 'j["level"]')" ok "level"
assert_eq "$(json 'len(j["reasons"])')" 2 "live and boot reasons"
steps | grep -q "ctguard limit set 29000 --persist" || fail "no limit step"
assert_eq "$(json 'j["top"]["src"]["total"]')" 9 "entries read from the tree"
# A tree is never what a daemon watches: its entries are read from it.
assert_eq "$(json 'j["entries_source"] + " " + str(j["resynced_ago"])')" "kernel None" "a tree's entries source"

# Capped at 29,000 live and at boot, nf_conntrack loaded early: nothing to do.
echo 29000 >"$R/proc/sys/net/netfilter/nf_conntrack_max"
echo 'net.netfilter.nf_conntrack_max = 29000' >"$R/etc/sysctl.d/90-conntrack.conf"
echo nf_conntrack >"$R/etc/modules-load.d/conntrack.conf"
echo 10800 >"$R/proc/sys/net/netfilter/nf_conntrack_tcp_timeout_established"
expect_exit 0 "$CTGUARD" --root "$R" --json check
assert_eq "$(json 'j["verdict"]')" normal "capped and persisted"
assert_eq "$(json 'j["remediation"]')" "[]" "no steps"
expect_exit 0 "$CTGUARD" --root "$R" check
expect_out "Nothing to do"

# The old advice: the legacy key in sysctl.conf, which modern kernels ignore.
rm "$R/etc/sysctl.d/90-conntrack.conf"
echo 'net.ipv4.netfilter.ip_conntrack_max = 29000' >>"$R/etc/sysctl.conf"
expect_exit 1 "$CTGUARD" --root "$R" --json check
assert_eq "$(json 'j["verdict"]')" misconfigured "legacy key only"
json '"\n".join(j["reasons"])' | grep -q "ip_conntrack_max is set, but modern kernels ignore that key" || fail "no legacy reason"
json '"\n".join(j["reasons"])' | grep -q "no cap is persisted" || fail "no persistence reason"
steps | grep -q -- "--fix-conflicts" || fail "the limit step does not fix the legacy line"

# An XOR.DDoS drop: a compromise, whatever the table says.
mkdir -p "$R/etc/cron.hourly"
printf '#!/bin/sh\ncp /lib/libudev.so /lib/libudev.so.6\n/lib/libudev.so.6\n' >"$R/etc/cron.hourly/gcc.sh"
expect_exit 2 "$CTGUARD" --root "$R" --json check
assert_eq "$(json 'j["verdict"]')" compromise "XOR.DDoS cron drop"
# root's password is locked ('!'): the steps must not have the user set one.
if steps | grep -q "passwd root"; then fail "a locked root was told to set a password"; fi
steps | grep -q "root has no usable password, so leave it locked" || fail "no word on the locked root"
json '[f["id"] for f in j["audit"]]' | grep -q "xorddos.gcc_sh" || fail "finding not in the report"
rm "$R/etc/cron.hourly/gcc.sh"

# No nf_conntrack: the table cannot overflow; the audit still runs.
rm -r "$R/proc/sys/net/netfilter"
expect_exit 0 "$CTGUARD" --root "$R" --json check
json '"\n".join(j["unseen"])' | grep -q "cannot overflow" || fail "missing module not reported"
assert_eq "$(json 'j["limit"]')" None "no limit without the module"
assert_eq "$(json 'j["status"]')" None "no status without the module"
expect_exit 0 "$CTGUARD" --root "$R" check
expect_out "nf_conntrack is not loaded, so there is no table to overflow"

# Bad input.
expect_exit 64 "$CTGUARD" --root "$R" check --watch 0;      expect_err "ctguard: --watch:"
expect_exit 64 "$CTGUARD" --root "$R" check --warn 40000;   expect_err "ctguard: thresholds:"
expect_exit 64 "$CTGUARD" --root "$tmp/missing" check;      expect_err "ctguard: --root"
