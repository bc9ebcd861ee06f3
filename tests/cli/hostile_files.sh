# Files an intruder (or any user) controls cannot hang or exhaust audit/check: a 64 GiB sparse
# authorized_keys, a FIFO as authorized_keys and as an sshd_config Include are skipped with a note,
# promptly and in little memory. procs --kill refuses --root (its PIDs are not this machine's).
. "$TEST_LIB"
. "$SRC_DIR/tests/fixture/audit_tree.sh"
set -e
T=$(mktemp -d)
trap 'rm -rf "$T"; cleanup_netns' EXIT

R=$T/tree
make_clean_tree "$R"
rm -f "$R/home/alice/.ssh/authorized_keys"
truncate -s 64G "$R/home/alice/.ssh/authorized_keys"
rm -f "$R/root/.ssh/authorized_keys"
mkfifo "$R/root/.ssh/authorized_keys"

# RSS in KiB as /usr/bin/time reports it; reading the sparse file whole would need 64 GiB.
expect_exit 0 /usr/bin/time -o "$T/rss" -f %M timeout 20 "$CTGUARD" --root "$R" --json audit
notes=$(json 'j["notes"]')
echo "$notes" | grep -q "/home/alice/.ssh/authorized_keys was not read (larger than 4 MiB)" || fail "no note for the sparse file: $notes"
echo "$notes" | grep -q "/root/.ssh/authorized_keys was not read (not a regular file)" || fail "no note for the FIFO: $notes"
[ "$(cat "$T/rss")" -lt 200000 ] || fail "audit used $(cat "$T/rss") KiB"
# The tree has no proc/: check says the table is unknown (69) instead of hanging or running out of memory.
expect_exit 69 timeout 20 "$CTGUARD" --root "$R" --json check

# A FIFO included from sshd_config: a problem on the Include line, not a hang.
mkfifo "$R/etc/ssh/sshd_config.d/20-fifo.conf"
timeout 20 "$CTGUARD" --root "$R" --json audit >"$T/out" 2>&1 || [ $? -ne 124 ] || fail "audit hung on a FIFO include"
grep -q "20-fifo.conf: not a regular file" "$T/out" || fail "no word on the FIFO include: $(cat "$T/out")"

expect_exit 64 "$CTGUARD" --root "$R" procs --kill g0123456789 --yes
expect_err "procs --kill: cannot be combined with --root"
echo ok
