# harden ssh: refuses when no key would let an admin in, when no drop-in can win, and when sshd -t
# rejects the result (exit 69, nothing written); otherwise shows the diff, and --apply writes a drop-in
# that wins, keeps a backup, and leaves Match blocks it cannot override reported. --root trees only:
# the host's sshd is never touched (sshd -t runs on a copy, with a private /run).
. "$TEST_LIB"
. "$SRC_DIR/tests/fixture/audit_tree.sh"
set -e
harden_setup
D=etc/ssh/sshd_config.d/00-ctguard.conf

# A Debian tree with password logins on (no site drop-in) and no usable admin key.
R=$T/nokey
make_clean_tree "$R"
rm "$R/etc/ssh/sshd_config.d/10-site.conf" "$R/home/alice/.ssh/authorized_keys"
# root's only key is the cloud-image kind that just prints "log in as alice": not a way in.
printf 'command="echo Please login as alice;sleep 10" %s\n' "$(gen_key "$T/rk" root@cloud)" >"$R/root/.ssh/authorized_keys"
snapshot before
harden 69 --apply
expect_err "ctguard: harden ssh: refusing: no SSH key would let root or a sudo user in"
grep -q '^hint: add your public key to /root/.ssh/authorized_keys' "$ERR" || fail "hint missing"
expect_out "no   root: no usable key: /root/.ssh/authorized_keys:1: it runs a forced command instead of a shell"
expect_out "no   alice: no authorized_keys file"
expect_out "Root password: root's password is locked"
unchanged

# alice (in group sudo) gets a key: without --apply, the diff and nothing written.
R=$T/ok
make_clean_tree "$R"
rm "$R/etc/ssh/sshd_config.d/10-site.conf"
printf 'PermitRootLogin yes\n' | put "$R/etc/ssh/sshd_config.d/50-cloud-init.conf"
printf 'Match User deploy\n    PasswordAuthentication yes\n' >>"$R/etc/ssh/sshd_config"
snapshot before
harden 0
expect_out "ok   alice: 1 usable key: ssh-ed25519 SHA256:"
expect_out "--- /dev/null"
expect_out "+++ /etc/ssh/sshd_config.d/00-ctguard.conf"
expect_out "+PasswordAuthentication no"
expect_out "+PermitRootLogin prohibit-password"
expect_out "Nothing was written. Run \`ctguard harden ssh --apply\` to write it."
expect_out "NOT covered, password logins stay on there: /etc/ssh/sshd_config:12: 'Match User deploy' sets PasswordAuthentication yes"
unchanged

# --apply writes exactly the drop-in, which wins over 50-cloud-init.conf.
harden 0 --apply
expect_out "Wrote /etc/ssh/sshd_config.d/00-ctguard.conf."
expect_out "Not reloading sshd: this is a --root tree."
[ "$(stat -c %a "$R/$D")" = 644 ] || fail "mode $(stat -c %a "$R/$D")"
grep -qx 'KbdInteractiveAuthentication no' "$R/$D" || fail "drop-in: $(cat "$R/$D")"
snapshot after
assert_eq "$(diff "$T/snap.before" "$T/snap.after" | grep -c '^>')" 1 "files added or changed"
expect_exit 0 "$CTGUARD" --root "$R" --json audit
assert_eq "$(json "[ (f['id'], f['line']) for f in j['findings'] if f['id'].startswith('ssh.')]")" \
    "[('ssh.password_auth', 12)]" "SSH findings left after hardening"
assert_eq "$(json 'j["ssh"]["settings"]["permitrootlogin"]["file"]')" "/etc/ssh/sshd_config.d/00-ctguard.conf" "who wins"
# Again: nothing to change.
snapshot before
harden 0 --apply
expect_out "Nothing to change: password and keyboard-interactive logins are already off."
unchanged

# An older drop-in of ours with other content is replaced, and kept in /var/backups/ctguard.
printf 'PasswordAuthentication yes\n' >"$R/$D"
harden 0 --apply
expect_out "(the old one is kept in /var/backups/ctguard/00-ctguard.conf."
assert_eq "$(cat "$R"/var/backups/ctguard/00-ctguard.conf.*)" "PasswordAuthentication yes" "backup"
grep -qx 'PasswordAuthentication no' "$R/$D" || fail "not replaced"

# No Include before the settings: the main file sets PasswordAuthentication first.
R=$T/noinclude
make_clean_tree "$R"
rm "$R/etc/ssh/sshd_config.d/10-site.conf"
sed -i '/^Include/d' "$R/etc/ssh/sshd_config"
snapshot before
harden 69 --apply
expect_err "refusing: /etc/ssh/sshd_config has no Include line outside Match blocks"
grep -q '^hint: add `Include /etc/ssh/sshd_config.d/\*.conf` as the first line' "$ERR" || fail "hint: $(cat "$ERR")"
unchanged
printf 'PasswordAuthentication yes\nInclude /etc/ssh/sshd_config.d/*.conf\n' >>"$R/etc/ssh/sshd_config"
sed -i '1i PasswordAuthentication yes' "$R/etc/ssh/sshd_config"
snapshot before
harden 69 --apply
expect_err "refusing: a drop-in would not win: /etc/ssh/sshd_config:1 sets PasswordAuthentication yes"
unchanged

# sshd -t rejects the configuration: nothing is written.
R=$T/invalid
make_clean_tree "$R"
rm "$R/etc/ssh/sshd_config.d/10-site.conf"
echo 'NoSuchOption yes' >>"$R/etc/ssh/sshd_config"
snapshot before
harden 69 --apply
expect_err "refusing: \`sshd -t\` rejects the result:"
grep -q 'NoSuchOption' "$ERR" || fail "sshd's complaint missing: $(cat "$ERR")"
unchanged

# Without write permission the change fails with 77 and leaves nothing behind.
R=$T/ok2
make_clean_tree "$R"
rm "$R/etc/ssh/sshd_config.d/10-site.conf"
chmod 755 "$T"
chmod -R a+rX "$R"
snapshot before
expect_exit 77 with_private_run setpriv --reuid=65534 --regid=65534 --clear-groups "$CTGUARD" --root "$R" harden ssh --apply
expect_err "ctguard: write $R/$D: Permission denied"
assert_eq "$(sed -n 2p "$ERR")" "hint: writing under /etc/ssh and /var/backups needs root" "hint"
unchanged

# On the live system without --apply nothing under /etc/ssh changes, whatever the host's state (0: a diff
# or nothing to do, 69: refused).
(find /etc/ssh -type f -exec md5sum {} + 2>/dev/null | sort) >"$T/etc.before"
set +e
with_private_run "$CTGUARD" harden ssh >"$T/live.out" 2>&1
rc=$?
set -e
[ "$rc" -eq 0 ] || [ "$rc" -eq 69 ] || fail "live dry run exited $rc: $(cat "$T/live.out")"
(find /etc/ssh -type f -exec md5sum {} + 2>/dev/null | sort) >"$T/etc.after"
cmp -s "$T/etc.before" "$T/etc.after" || fail "/etc/ssh changed on a dry run"
grep -q '^SSH now (sshd -T):' "$T/live.out" || fail "live run did not use sshd -T: $(head -3 "$T/live.out")"
