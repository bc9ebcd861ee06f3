# procs on a --root tree (no root needed): /proc/net/nf_conntrack, /proc/net/tcp and /proc/PID/fd
# are joined from files alone; bad input gets one clear line and the documented exit code (docs/CLI.md).
. "$TEST_LIB"
set -e
t=$(mktemp -d /tmp/ctg-procs-root-XXXXXX)
trap 'rm -rf "$t"' EXIT
mkdir -p "$t/proc/sys/net/netfilter" "$t/proc/net" "$t/var/lib/dpkg/info" "$t/bin"
echo 3 >"$t/proc/sys/net/netfilter/nf_conntrack_count"
echo 262144 >"$t/proc/sys/net/netfilter/nf_conntrack_max"
echo "btime 1700000000" >"$t/proc/stat"
cat >"$t/proc/net/nf_conntrack" <<'X'
ipv4     2 tcp      6 431999 ESTABLISHED src=198.18.0.2 dst=198.18.0.1 sport=40000 dport=80 src=198.18.0.1 dst=198.18.0.2 sport=80 dport=40000 [ASSURED] mark=0 zone=0 use=2
ipv4     2 tcp      6 119 SYN_SENT src=198.18.0.2 dst=198.18.9.9 sport=40001 dport=23 [UNREPLIED] src=198.18.9.9 dst=198.18.0.2 sport=23 dport=40001 mark=0 zone=0 use=2
ipv4     2 tcp      6 431999 ESTABLISHED src=198.18.7.7 dst=198.18.8.8 sport=1234 dport=443 src=198.18.8.8 dst=198.18.7.7 sport=443 dport=1234 [ASSURED] mark=0 zone=0 use=2
X
# 198.18.0.2:40000 -> 198.18.0.1:80 (inode 501) and 198.18.0.2:40001 -> 198.18.9.9:23 (inode 502)
cat >"$t/proc/net/tcp" <<'X'
  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 020012C6:9C40 010012C6:0050 01 00000000:00000000 00:00000000 00000000     0        0 501 1 0000000000000000 20 4 30 10 -1
   1: 020012C6:9C41 090912C6:0017 02 00000000:00000000 00:00000000 00000000     0        0 502 1 0000000000000000 20 4 30 10 -1
X
printf '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops\n   1: 00000000:0006 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 503 2 0 0\n' >"$t/proc/net/raw"
printf 'Main:\n  +-- 0.0.0.0/0 3 0 5\n     |-- 198.18.0.2\n        /32 host LOCAL\n' >"$t/proc/net/fib_trie"
echo "/bin/curl" >"$t/var/lib/dpkg/info/curl.list"
printf '\177ELF fake' >"$t/bin/dmsFZqnoz13z"
printf '\177ELF curl' >"$t/bin/curl"
mkproc() {  # PID PPID COMM EXE INODE...
    d="$t/proc/$1"; mkdir -p "$d/fd"
    echo "$1 ($3) S $2 $1 $1 0 -1 4194560 0 0 0 0 0 0 0 0 20 0 1 0 500 0 0" >"$d/stat"
    printf 'Name:\t%s\nUid:\t0\t0\t0\t0\n' "$3" >"$d/status"
    printf '%s\0' "$3" >"$d/cmdline"
    ln -s "$4" "$d/exe"
    n=3; shift 4
    for ino in "$@"; do ln -s "socket:[$ino]" "$d/fd/$n"; n=$((n + 1)); done
}
mkproc 100 1 dmsFZqnoz13z "$t/bin/dmsFZqnoz13z" 502 503
mkproc 200 1 curl "$t/bin/curl" 501

expect_exit 0 "$CTGUARD" --root "$t" --json procs
assert_eq "$(json 'sorted(j["flows"].items())')" "[('attributed', 2), ('forwarded', 1), ('no_socket', 0), ('total', 3)]" "flow totals"
assert_eq "$(json 'j["sockets"]')" proc "socket source"
p() { json "[p for p in j['processes'] if p['pid']==$1][0]$2"; }
assert_eq "$(p 100 "['flows_by_state']")" "{'SYN_SENT': 1}" "SYN_SENT flow of pid 100"
assert_eq "$(p 100 "['raw_sockets']")" 1 "raw socket of pid 100"
assert_eq "$(p 100 "['suspicious']")" True "pid 100 suspicious"
assert_eq "$(p 100 "['package']")" False "pid 100 unpackaged"
assert_eq "$(p 200 "['flows']")" 1 "pid 200 flows"
assert_eq "$(p 200 "['start_time']")" 1700000005 "start time from btime + ticks"
# The tree's curl binary is not /bin/curl of the dpkg list (the exe link points into the tree).
expect_exit 0 "$CTGUARD" --root "$t" top --by process
expect_out "dmsFZqnoz13z[100]"
expect_out "(forwarded)"
expect_exit 0 "$CTGUARD" --root "$t" procs
expect_out "SUSPICIOUS"
expect_out "raw-socket holders"

# allow.toml under --root: the owner vouches for the binary; it is shown as allowed, not hidden.
mkdir -p "$t/etc/ctguard"
printf '# ours\npath = ["%s/bin/dms*"]\n' "$t" >"$t/etc/ctguard/allow.toml"
expect_exit 0 "$CTGUARD" --root "$t" --json procs
assert_eq "$(p 100 "['suspicious']")" False "allowed pid 100 suspicious"
assert_eq "$(p 100 "['allowed_by']")" "path $t/bin/dms*" "allowed_by"
[ "$(p 100 "['signals']")" != "[]" ] || fail "the allowed process lost its signals"
expect_exit 0 "$CTGUARD" --root "$t" procs
expect_out "allowed by path $t/bin/dms*"
# A bad allow.toml stops procs and check with one line and exit 64.
printf 'sha256 = "abc"\n' >"$t/etc/ctguard/allow.toml"
expect_exit 64 "$CTGUARD" --root "$t" procs
expect_err "ctguard: $t/etc/ctguard/allow.toml:1: sha256: 'abc' must be 64 lowercase hex digits"
expect_exit 64 "$CTGUARD" --root "$t" check
expect_err "ctguard: $t/etc/ctguard/allow.toml:1: sha256:"
printf 'hosts = ["x"]\n' >"$t/etc/ctguard/allow.toml"
expect_exit 64 "$CTGUARD" --root "$t" procs
expect_err "allow.toml:1: hosts: unknown key"
rm -r "$t/etc/ctguard"

# Bad input.
expect_exit 64 "$CTGUARD" --root "$t" procs --explain abc
expect_err "ctguard: --explain: 'abc' is not a process id"
expect_exit 64 "$CTGUARD" --root "$t" procs --explain 100 --pid 100
expect_err "ctguard: --explain: cannot be combined with --pid"
expect_exit 0 "$CTGUARD" --root "$t" --json procs --explain 100
assert_eq "$(json '[e["id"] for e in j["processes"][0]["explain"] if e["fired"]]')" \
    "['random_name', 'temp_dir', 'raw_sockets', 'unpackaged', 'detached']" "fired signals of pid 100"
expect_exit 64 "$CTGUARD" --root "$t" procs --watch -1
expect_err "ctguard: --watch: '-1' is not a number of seconds"
expect_exit 64 "$CTGUARD" --root "$t" procs --watch 0
expect_err "ctguard: --watch:"
expect_exit 64 "$CTGUARD" --root "$t" procs --watch soon
expect_err "ctguard: --watch:"
expect_exit 64 "$CTGUARD" --root "$t" procs --pid abc
expect_err "ctguard: --pid: 'abc' is not a process id"
expect_exit 69 "$CTGUARD" --root "$t" procs --pid 4242
expect_err "ctguard: --pid: no process 4242"
expect_exit 64 "$CTGUARD" --root "$t" procs --kill g0000000000 --yes
expect_err "ctguard: procs --kill: cannot be combined with --root"
expect_exit 64 "$CTGUARD" --root "$t" procs --kill g0000000000 --watch 2
expect_err "cannot be combined"
expect_exit 64 "$CTGUARD" --root "$t" top --by process,bogus
expect_err "ctguard: --by: unknown key 'bogus'"
# A short watch of a tree polls it.
expect_exit 0 "$CTGUARD" --root "$t" --json procs --watch 0.3
assert_eq "$(json 'j["watch"]["events"]')" poll "watch source in a tree"

# debug name-score: arguments or stdin, one line each; junk is refused.
expect_exit 0 "$CTGUARD" debug name-score dmsFZqnoz13z sshd
assert_eq "$(cut -f1,3 "$OUT" | tr '\t\n' ': ')" "dmsFZqnoz13z:random sshd:normal " "name-score"
printf 'kworker/0:1\nqWv8ZpL2mXr4\n' >"$t/names"
expect_exit 0 "$CTGUARD" debug name-score <"$t/names"
assert_eq "$(cut -f3 "$OUT" | tr '\n' ' ')" "normal random " "name-score from stdin"
expect_exit 64 "$CTGUARD" debug name-score ""
expect_err "ctguard: name-score: empty name"
printf 'ok\nbad\tname\n' >"$t/names"
expect_exit 64 "$CTGUARD" debug name-score <"$t/names"
expect_err "ctguard: stdin line 2:"
expect_exit 64 "$CTGUARD" debug
echo ok
