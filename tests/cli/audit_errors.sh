# audit and harden ssh: bad input gets one line `ctguard: WHAT: WHY` and the documented exit code (docs/CLI.md); a tree
# without an SSH server is audited without SSH checks, and says so.
. "$TEST_LIB"
. "$SRC_DIR/tests/fixture/audit_tree.sh"
set -e
T=$(mktemp -d)
trap 'rm -rf "$T"; cleanup_netns' EXIT

expect_exit 64 "$CTGUARD" --root "$T/missing" audit
expect_err "ctguard: --root $T/missing: No such file or directory"
touch "$T/file"
expect_exit 64 "$CTGUARD" --root "$T/file" audit
expect_err "ctguard: --root $T/file: not a directory"
expect_exit 64 "$CTGUARD" audit --bogus
expect_err "ctguard: ctguard audit: does not take '--bogus'"
expect_exit 64 "$CTGUARD" harden
expect_err "ctguard: ctguard harden: needs a subcommand: ssh"
expect_exit 64 "$CTGUARD" harden ssh --force
expect_err "ctguard: ctguard harden ssh: does not take '--force'"

# No sshd_config: the audit runs without SSH checks and notes it; harden has nothing to work on.
R=$T/nossh
make_clean_tree "$R"
rm -r "$R/etc/ssh"
expect_exit 0 "$CTGUARD" --root "$R" --json audit
assert_eq "$(json 'j["ssh"]["source"]')" none "ssh source"
assert_eq "$(json 'j["notes"]')" "['no SSH server configuration (/etc/ssh/sshd_config): SSH checks skipped']" "notes"
assert_eq "$(json 'len(j["findings"])')" 0 "findings"
expect_exit 69 "$CTGUARD" --root "$R" harden ssh
expect_err "ctguard: harden ssh: /etc/ssh/sshd_config not found"

# A line sshd would refuse: audit reports it, harden will not build on it.
R=$T/broken
make_clean_tree "$R"
echo 'Banner "unterminated' >>"$R/etc/ssh/sshd_config"
expect_exit 69 "$CTGUARD" --root "$R" harden ssh --apply
expect_err "ctguard: harden ssh: /etc/ssh/sshd_config:11: unbalanced quotes"
grep -q '^hint: fix that line first' "$ERR" || fail "hint: $(cat "$ERR")"

# Not root: /etc/shadow cannot be read, which the audit says instead of failing.
R=$T/shadow
make_clean_tree "$R"
chmod 755 "$T"
chmod -R a+rX "$R"
chmod 600 "$R/etc/shadow"
if [ "$(id -u)" -eq 0 ]; then
    expect_exit 0 setpriv --reuid=65534 --regid=65534 --clear-groups "$CTGUARD" --root "$R" --json audit
    assert_eq "$(json '[n for n in j["notes"] if "shadow" in n]')" \
        "['cannot read /etc/shadow (Permission denied): password checks skipped (run as root)']" "shadow note"
fi
