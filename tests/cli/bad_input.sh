# Bad input: one line `ctguard: WHAT: WHY` on stderr and the exit code of docs/CLI.md, for each case.
. "$TEST_LIB"
set -e
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
make_proc_tree "$tmp/root" 9 262144
R="--root $tmp/root"

expect_exit 64 "$CTGUARD";                                   expect_err "ctguard: usage:"
expect_exit 64 "$CTGUARD" frobnicate;                        expect_err "ctguard: usage:"
expect_exit 64 "$CTGUARD" $R top --by colour;               expect_err "ctguard: --by: unknown key 'colour'"
expect_exit 64 "$CTGUARD" $R top --by src,dport,src;        expect_err "ctguard: --by: key 'src' given twice"
expect_exit 64 "$CTGUARD" $R top --src 198.18.0.0/33;       expect_err "ctguard: --src: '198.18.0.0/33' is not an IP address or CIDR"
expect_exit 64 "$CTGUARD" $R list --dst 300.1.1.1;          expect_err "ctguard: --dst: '300.1.1.1' is not an IP address or CIDR"
expect_exit 64 "$CTGUARD" $R list --dst 2001:db8::/129;     expect_err "ctguard: --dst:"
expect_exit 64 "$CTGUARD" $R top --dport 70000;             expect_err "ctguard: --dport: '70000' is not a port"
expect_exit 64 "$CTGUARD" $R top --sport 90-80;             expect_err "ctguard: --sport: '90-80' is not a port"
expect_exit 64 "$CTGUARD" $R top --proto tcpp;              expect_err "ctguard: --proto: unknown protocol 'tcpp'"
expect_exit 64 "$CTGUARD" $R top --state ESTABLISH;         expect_err "ctguard: --state: unknown state 'ESTABLISH'"
expect_exit 64 "$CTGUARD" $R top --zone 65536;              expect_err "ctguard: --zone:"
expect_exit 64 "$CTGUARD" $R top --mark 0x10/zz;            expect_err "ctguard: --mark:"
expect_exit 64 "$CTGUARD" $R top -n 0;                      expect_err "ctguard: -n: '0' is not a number from 1 to"
expect_exit 64 "$CTGUARD" $R top -n many;                   expect_err "ctguard: -n: 'many' is not a"
expect_exit 64 "$CTGUARD" $R list --limit -3;               expect_err "ctguard: --limit: '-3' is not a whole number"
expect_exit 64 "$CTGUARD" $R watch --interval 0;            expect_err "ctguard: --interval:"
expect_exit 64 "$CTGUARD" $R watch --interval soon;         expect_err "ctguard: --interval:"
expect_exit 64 "$CTGUARD" $R status --warn 40000;           expect_err "ctguard: thresholds: --warn (40000) is above --suspend (30000)"
expect_exit 64 "$CTGUARD" $R status --suspend -1;           expect_err "ctguard: --suspend: '-1' is not a whole number"

# nf_conntrack not loaded: no nf_conntrack_count.
mkdir -p "$tmp/empty/proc/sys/net"
expect_exit 69 "$CTGUARD" --root "$tmp/empty" status;       expect_err "ctguard: conntrack: nf_conntrack is not loaded"
grep -q "modprobe nf_conntrack" "$ERR" || fail "no modprobe hint"
expect_exit 69 "$CTGUARD" --root "$tmp/empty" top

# No such namespace.
expect_exit 69 "$CTGUARD" --netns ctguard-no-such-ns status; expect_err "ctguard: netns ctguard-no-such-ns: no such network namespace"
expect_exit 64 "$CTGUARD" --netns /etc/hostname status;     expect_err "is not a network namespace"

# A truncated /proc line: warned about once, the rest is read, exit 0.
printf 'ipv4     2 tcp      6 10 ESTABLISHED src=198.18.0.1 dst=198' >>"$tmp/root/proc/net/nf_conntrack"
expect_exit 0 "$CTGUARD" $R --json top --by src
assert_eq "$(json 'j["total"]')" 9 "entries read around the bad line"
assert_eq "$(wc -l <"$ERR")" 1 "one warning line"
expect_err "ctguard: warning: $tmp/root/proc/net/nf_conntrack: skipped 1 malformed line(s), first at line 10"
# metrics as well: the table warns, the command does not add a second warning of its own.
expect_exit 0 "$CTGUARD" $R metrics
assert_eq "$(wc -l <"$ERR")" 1 "one warning line from metrics"
expect_err "ctguard: warning: $tmp/root/proc/net/nf_conntrack: skipped 1 malformed line(s), first at line 10"

# /proc/net/nf_conntrack missing (kernel without CONFIG_NF_CONNTRACK_PROCFS) on the /proc source.
rm "$tmp/root/proc/net/nf_conntrack"
expect_exit 69 "$CTGUARD" $R list;                           expect_err "ctguard: conntrack table: neither ctnetlink nor"
