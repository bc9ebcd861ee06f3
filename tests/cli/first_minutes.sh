# What a new user types in the first five minutes: global options after the command, help, typos,
# CLI11's messages in ctguard's words, write errors, --root mistakes, --fail-on, "29,000", wrapping.
. "$TEST_LIB"
. "$SRC_DIR/tests/fixture/limit_tree.sh"
set -e
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
make_proc_tree "$tmp/root" 9 262144
R="--root $tmp/root"

# Global options before or after the command give the same answer.
expect_exit 0 "$CTGUARD" $R --json status;   before=$(json 'j["count"]')
expect_exit 0 "$CTGUARD" status --json $R;   assert_eq "$(json 'j["count"]')" "$before" "status --json --root after the command"
expect_exit 0 "$CTGUARD" top --json --by src $R
assert_eq "$(json 'j["by"]')" "['src']" "top --json --by src"
expect_exit 69 "$CTGUARD" status --netns ctguard-no-such-ns
expect_err "ctguard: netns ctguard-no-such-ns: no such network namespace"

# help, help COMMAND, and every command's help names the global options.
expect_exit 0 "$CTGUARD" help
expect_out "check"; expect_out "Start with: ctguard check"
expect_exit 0 "$CTGUARD" help check
expect_out "--fail-on"; expect_out "Global options, before or after the command"
expect_exit 0 "$CTGUARD" help harden ssh
expect_out "--apply"
expect_exit 0 "$CTGUARD" procs --help
expect_out "--pid PID"
if grep -q " TEXT" "$OUT"; then fail "help names a value TEXT"; fi

# Typos: the nearest command, in ctguard's own words.
expect_exit 64 "$CTGUARD" chek;              expect_err "ctguard: usage: unknown command 'chek'"
grep -qF "did you mean 'ctguard check'?" "$ERR" || fail "no suggestion for chek"
expect_exit 64 "$CTGUARD" harden sshd;       expect_err "ctguard: ctguard harden: unknown command 'sshd'"
grep -qF "did you mean 'ctguard harden ssh'?" "$ERR" || fail "no suggestion for harden sshd"
expect_exit 64 "$CTGUARD" $R limit sett 29000; expect_err "ctguard: ctguard limit: unknown command 'sett'"
grep -qF "did you mean 'ctguard limit set'?" "$ERR" || fail "no suggestion for limit sett"
expect_exit 64 "$CTGUARD" --netns 101;       expect_err "ctguard: usage: no command given"
expect_exit 64 "$CTGUARD" harden;            expect_err "ctguard: ctguard harden: needs a subcommand: ssh"
expect_exit 64 "$CTGUARD" $R top --by;       expect_err "ctguard: --by: needs a value"
expect_exit 64 "$CTGUARD" $R status --bogus; expect_err "ctguard: ctguard status: does not take '--bogus'"
grep -qF "see 'ctguard help status'" "$ERR" || fail "no help hint"
# Raw control bytes in a typo are not echoed to the terminal.
expect_exit 64 "$CTGUARD" "$(printf 'chk\033[2J')"
if grep -q $'\033' "$ERR"; then fail "an escape byte reached stderr"; fi

# A failed write is an error: a report is never silently cut short.
for cmd in status list "top --by src" metrics check; do
    set +e; "$CTGUARD" $R $cmd >/dev/full 2>"$tmp/err"; rc=$?; set -e
    [ "$rc" -eq 74 ] || fail "$cmd >/dev/full exited $rc, wanted 74"
    grep -qF "ctguard: standard output: No space left on device" "$tmp/err" || fail "$cmd: $(cat "$tmp/err")"
done

# --root mistakes: a missing root is a usage error, an empty tree is "could not look", not "healthy".
expect_exit 64 "$CTGUARD" --root "$tmp/nope" status; expect_err "ctguard: --root $tmp/nope: No such file or directory"
mkdir "$tmp/empty"
expect_exit 69 "$CTGUARD" --root "$tmp/empty" check
expect_out "ctguard check: UNKNOWN"; expect_out "has no proc/"
if grep -q "healthy" "$OUT"; then fail "an empty tree was called healthy"; fi

# --fail-on: a stock host (nf_conntrack_max above the suspension line) is misconfigured, not in danger.
expect_exit 1 "$CTGUARD" $R check
expect_exit 0 "$CTGUARD" $R check --fail-on elevated
expect_exit 64 "$CTGUARD" $R check --fail-on panic; expect_err "ctguard: --fail-on: 'panic' is not a level"
make_proc_tree "$tmp/busy" 12000 262144
expect_exit 1 "$CTGUARD" --root "$tmp/busy" check --fail-on elevated
expect_exit 0 "$CTGUARD" --root "$tmp/busy" check --fail-on critical

# The fill line is against the line that matters, with nf_conntrack_max beside it.
make_proc_tree "$tmp/full" 31023 262144
expect_exit 2 "$CTGUARD" --root "$tmp/full" --wide check
expect_out "31,023 of 30,000 (103.4%)"; expect_out "nf_conntrack_max 262,144"
expect_exit 0 "$CTGUARD" --root "$tmp/full" status
expect_out "entries   31,023 of 30,000"

# The cap's cost is said where it is recommended; "29,000" is taken as ctguard prints it.
expect_exit 1 "$CTGUARD" $R --wide check
expect_out "The cost: at the cap the kernel drops new connections"
t=$tmp/t; limit_tree "$t"
expect_exit 0 "$CTGUARD" --root "$t" limit set 29,000 --persist --dry-run
expect_out "-> 29,000"
expect_exit 0 "$CTGUARD" --root "$t" status --warn 5,000
expect_exit 0 "$CTGUARD" --root "$t" limit set 29,000
expect_out "to undo: ctguard limit set 262144"
expect_exit 64 "$CTGUARD" --root "$t" limit set 29,00; expect_err "ctguard: limit set: '29,00' is not a positive integer"

# Prose wraps to $COLUMNS (80 when not a terminal); --wide does not wrap; JSON never does.
COLUMNS=50 expect_exit 1 "$CTGUARD" $R check
awk 'length > 50 && /^ {2}(why|  |[ 0-9][0-9]\.)/ {bad=1; print} END {exit bad}' "$OUT" || fail "check text wider than 50"
expect_exit 1 "$CTGUARD" $R check
awk '/^  why/ {print length}' "$OUT" | while read -r n; do [ "$n" -le 80 ] || fail "why line of $n columns"; done
expect_exit 1 "$CTGUARD" $R --wide check
[ "$(awk '/^  why/ {print length; exit}' "$OUT")" -gt 80 ] || fail "--wide wrapped the why line"
